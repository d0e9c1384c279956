import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { hashToken } from '../src/accounts/tokens';
import { ClaimCreation, CREATE_CLAIM, CREATE_CLAIM_CONFIRMING_TOKEN, CREATE_CLAIMS, type NewClaim } from '../src/claims/claim-creation';
import { newClaimRecord, type NewClaimFields } from '../src/claims/claim.record';
import { claimIn, createClaim, inDays, transition } from './support/claims';
import { expectProblem, type HttpClient } from './support/http';
import { waitFor } from './support/wait';

async function pageAll(client: HttpClient, query: string): Promise<Array<Record<string, any>>> {
  const items: Array<Record<string, any>> = [];
  let cursor: string | null = null;
  do {
    const response: { status: number; body: any; text: string } = await client.get(
      `/v1/claims?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (response.status !== 200) throw new Error(`${response.status} ${response.text}`);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor);
  return items;
}

describe('claims', () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await startApp();
    desk = await createDesk(t);
  });
  afterAll(() => t.close());

  it('creates a claim with every field, status submitted, version 1 and a strong ETag', async () => {
    const source = await desk.checker.post('/v1/sources', { title: 'Press briefing', url: 'https://news.example/briefing' });
    const response = await createClaim(desk.checker, {
      text: 'The mission rests on a UN Security Council resolution that the council fully endorsed',
      kind: 'statement',
      claimant: { name: "Korir Sing'Oei", affiliation: 'Principal Secretary' },
      quote: 'The council endorsed it fully.',
      sourceId: source.body.id,
      claimedAt: '2026-11-20T09:00:00Z',
      tags: ['haiti', 'un'],
      priority: 'high',
      assigneeId: desk.editor.userId,
      dueAt: inDays(5),
    });
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toMatchObject({
      id: expect.any(String),
      kind: 'statement',
      claimant: { name: "Korir Sing'Oei", affiliation: 'Principal Secretary' },
      quote: 'The council endorsed it fully.',
      sourceId: source.body.id,
      claimedAt: '2026-11-20T09:00:00.000Z',
      tags: ['haiti', 'un'],
      priority: 'high',
      status: 'submitted',
      assignee: { id: desk.editor.userId, name: 'Achieng' },
      verdict: null,
      publishedAt: null,
      version: 1,
      similar: expect.any(Array),
    });
    const read = await desk.checker.get(`/v1/claims/${response.body.id}`);
    expect(read.headers.get('etag')).toBe('"1"');
    const { similar: _similar, ...created } = response.body;
    expect(read.body).toEqual(created);
  });

  it('defaults priority to normal and tags to none', async () => {
    const { body } = await createClaim(desk.checker);
    expect(body).toMatchObject({ priority: 'normal', tags: [], assignee: null, quote: null, dueAt: null });
  });

  it('refuses an assignee who is not an active user of the workspace, and an unknown source (422)', async () => {
    const other = await createDesk(t, 'elsewhere');
    expectProblem(
      await desk.checker.post('/v1/claims', { text: 't', kind: 'statement', claimant: { name: 'x' }, assigneeId: other.checker.userId }),
      422,
      'GUARD_FAILED',
    );
    await desk.admin.patch(`/v1/users/${desk.editor2.userId}`, { active: false });
    expectProblem(
      await desk.checker.post('/v1/claims', { text: 't', kind: 'statement', claimant: { name: 'x' }, assigneeId: desk.editor2.userId }),
      422,
      'GUARD_FAILED',
    );
    await desk.admin.patch(`/v1/users/${desk.editor2.userId}`, { active: true });
    expectProblem(
      await desk.checker.post('/v1/claims', { text: 't', kind: 'statement', claimant: { name: 'x' }, sourceId: '00000000-0000-4000-8000-000000000000' }),
      422,
      'GUARD_FAILED',
    );
  });

  it('validates the body: missing claimant, bad kind, unknown field', async () => {
    const problem = expectProblem(await desk.checker.post('/v1/claims', { text: 't', kind: 'rumour', colour: 'red' }), 400, 'VALIDATION_FAILED');
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['claimant', 'colour', 'kind']);
    expectProblem(await desk.checker.post('/v1/claims', { text: 't', kind: 'statement', claimant: { name: 'x', title: 'Dr' } }), 400, 'VALIDATION_FAILED');
  });

  it("answers 404 for another workspace's claim on every route", async () => {
    const other = await createDesk(t, 'other');
    const { body } = await createClaim(desk.checker);
    for (const path of ['', '/history', '/evidence', '/similar', '/claimreview'])
      expectProblem(await other.checker.get(`/v1/claims/${body.id}${path}`), 404, 'NOT_FOUND');
    expectProblem(await other.checker.patch(`/v1/claims/${body.id}`, { priority: 'low' }, { headers: { 'if-match': '"1"' } }), 404, 'NOT_FOUND');
    expectProblem(await other.checker.post(`/v1/claims/${body.id}/transitions`, { to: 'in_research' }, { headers: { 'if-match': '"1"' } }), 404, 'NOT_FOUND');
    expectProblem(await other.checker.post(`/v1/claims/${body.id}/evidence`, { description: 'd', stance: 'supports' }), 404, 'NOT_FOUND');
  });

  it('creates claims again once PostgreSQL has ended every pooled connection, and the prepared statements with them', async () => {
    // The token lookup and the creation statement are prepared per connection (src/database/prepared-statement.ts).
    const before = await createClaim(desk.checker, { text: 'The county built forty new classrooms in one year' });
    const admin = new Client({ connectionString: t.db.url });
    await admin.connect();
    try {
      const ended = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      expect(ended.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // A request that meets a connection ended under it may answer 503; nothing else is allowed.
    const otherAnswers: number[] = [];
    const after = await waitFor(
      async () => {
        const response = await desk.checker.post('/v1/claims', {
          text: 'The county built forty new classrooms in a single year',
          kind: 'statement',
          claimant: { name: 'A governor' },
        });
        if (response.status !== 201 && response.status !== 503) otherAnswers.push(response.status);
        return response.status === 201 ? response : null;
      },
      { timeoutMs: 2000, what: 'a 201 once the connections had ended' },
    );
    expect(otherAnswers).toEqual([]);
    expect(after.body.similar.map((s: { id: string }) => s.id)).toContain(before.body.id);
    expect((await desk.checker.get(`/v1/claims/${after.body.id}`)).status).toBe(200);
  });

  it('plans the creation statements once per connection, and reads back only the matched claims of its own workspace', async () => {
    // PostgreSQL plans a prepared statement afresh on each of its first five runs, then keeps a
    // generic plan unless planning afresh looks cheaper: it must not look so, matches or none.
    const mine = (await createClaim(desk.checker, { text: 'The port of Mombasa handled a record tonnage this year' })).body;
    const theirs = (await createClaim((await createDesk(t, 'theirs')).checker)).body;
    const db = new Client({ connectionString: t.db.url });
    await db.connect();
    try {
      await db.query('BEGIN');
      // A big workspace beside small ones, and statistics that tell them apart, as in production.
      await db.query(
        `INSERT INTO claims (workspace_id, text, kind, claimant_name, created_by)
         SELECT workspace_id, text || ' ' || n, kind, claimant_name, created_by FROM claims, generate_series(1, 5000) AS n WHERE id = $1`,
        [theirs.id],
      );
      await db.query('ANALYZE claims');
      // The second statement also confirms the creator's token (WriteConfirmsToken).
      for (const [statement, confirming] of [
        [CREATE_CLAIM, []],
        [CREATE_CLAIM_CONFIRMING_TOKEN, [hashToken(desk.checker.defaultToken!)]],
      ] as const) {
        const matchedRows: string[][] = [];
        for (let run = 0; run < 10; run++) {
          const matched = run % 2 === 0 ? [] : [mine.id, theirs.id];
          const values = [
            randomUUID(),
            desk.workspaceId,
            `A claim written ${run} times over`,
            'statement',
            'A speaker',
            null,
            null,
            null,
            null,
            [],
            'normal',
            null,
            null,
            desk.checker.userId,
            [1, 2, 3],
            JSON.stringify({ claim: {} }),
            [desk.checker.userId],
            JSON.stringify(matched),
            ...confirming,
          ];
          const { rows } = await db.query({ name: statement.name, text: statement.text, values });
          matchedRows.push(rows[0].similar_rows.map((row: { id: string }) => row.id));
        }
        const plans = await db.query(`SELECT generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE name = $1`, [statement.name]);
        expect(plans.rows).toEqual([{ generic_plans: 5, custom_plans: 5 }]);
        expect(matchedRows.filter((ids) => ids.length > 0)).toEqual(Array(5).fill([mine.id]));
      }
      // The statement of many creations (ClaimCreation) as well: each reads its own matches, of its own workspace only.
      const claims = [1, 2].map((n) => ({
        id: randomUUID(),
        workspace_id: desk.workspaceId,
        text: `A claim written together with another ${n}`,
        kind: 'statement',
        claimant_name: 'A speaker',
        tags: [],
        priority: 'normal',
        creator: desk.checker.userId,
        words: [1, 2, 3],
        followers: [desk.checker.userId],
        payload: { claim: {} },
        matched: n === 1 ? [mine.id, theirs.id] : [],
      }));
      const { rows } = await db.query({ name: CREATE_CLAIMS.name, text: CREATE_CLAIMS.text, values: [JSON.stringify(claims)] });
      const similarOf = new Map(rows.map((row) => [row.id, row.similar_rows.map((match: { id: string }) => match.id)]));
      expect([similarOf.get(claims[0].id), similarOf.get(claims[1].id)]).toEqual([[mine.id], []]);
    } finally {
      await db.query('ROLLBACK');
      await db.end();
    }
  });

  describe('concurrent creations (group commit)', () => {
    let db: Client;
    beforeAll(async () => {
      db = new Client({ connectionString: t.db.url });
      await db.connect();
    });
    afterAll(() => db.end());

    /** A claim as ClaimsService hands it to ClaimCreation. */
    const newClaim = (text: string, overrides: Partial<NewClaimFields> = {}, unconfirmedToken?: Buffer): NewClaim => ({
      draft: newClaimRecord({
        id: randomUUID(),
        workspaceId: desk.workspaceId,
        text,
        kind: 'statement',
        claimantName: 'A minister',
        claimantAffiliation: null,
        quote: null,
        sourceId: null,
        claimedAt: null,
        tags: ['budget'],
        priority: 'normal',
        assigneeId: null,
        assigneeName: null,
        dueAt: null,
        ...overrides,
      }),
      creator: desk.checker.userId,
      words: [11, 12, 13],
      followers: [desk.checker.userId],
      matched: [],
      unconfirmedToken,
    });

    /** Each claim's rows: [claims, claim_events, claim_followers, live events, webhook events] per id. */
    async function rowsOf(ids: string[]): Promise<number[][]> {
      const { rows } = await db.query(
        `SELECT (SELECT count(*)::int FROM claims WHERE id = i) AS claims,
                (SELECT count(*)::int FROM claim_events WHERE claim_id = i AND type = 'claim.created') AS history,
                (SELECT count(*)::int FROM claim_followers WHERE claim_id = i) AS followers,
                (SELECT count(*)::int FROM outbox_events WHERE claim_id = i AND live) AS live,
                (SELECT count(*)::int FROM outbox_events WHERE payload #>> '{claim,id}' = i::text AND NOT live) AS hooks
           FROM unnest($1::uuid[]) WITH ORDINALITY AS ids(i, n) ORDER BY n`,
        [ids],
      );
      return rows.map((row) => [row.claims, row.history, row.followers, row.live, row.hooks]);
    }

    it('writes each of many concurrent POSTs with everything beside it, some of them in one shared statement', async () => {
      const original = (await createClaim(desk.checker, { text: 'Parliament approved a supplementary budget of Ksh 346 billion in June' })).body;
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          desk.checker.post('/v1/claims', {
            text:
              n % 2 === 0
                ? `In June parliament approved a supplementary budget of Ksh 346 billion, said speaker ${n}`
                : `Speaker ${n} says the county opened ${n + 3} new dispensaries along the lake shore`,
            kind: 'statement',
            claimant: { name: `Speaker ${n}` },
          }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(40).fill(201));
      // Each 201 carries its own matches, read in the statement that wrote it: the budget claims
      // match the original or each other, the dispensary claims only each other.
      const ids = responses.map((response) => response.body.id as string);
      const texts = new Map([[original.id as string, original.text as string], ...responses.map((r): [string, string] => [r.body.id, r.body.text])]);
      const budget = new Set([original.id, ...ids.filter((_, n) => n % 2 === 0)]);
      expect(responses[0].body.similar.map((s: { id: string }) => s.id)).toEqual([original.id]);
      responses.forEach((response, n) => {
        const similar: Array<{ id: string; text: string }> = response.body.similar;
        if (n % 2 === 0) expect(similar.length).toBeGreaterThan(0);
        for (const match of similar) {
          expect(match.text).toBe(texts.get(match.id));
          expect(budget.has(match.id)).toBe(n % 2 === 0);
        }
      });
      expect(await rowsOf(ids)).toEqual(Array(40).fill([1, 1, 1, 1, 1]));
      // The webhook payload is the claim as the 201 shows it, timestamps included.
      const { rows: hooks } = await db.query(`SELECT payload FROM outbox_events WHERE payload #>> '{claim,id}' = $1 AND NOT live`, [ids[7]]);
      const { similar, following, ...claim } = responses[7].body;
      expect(hooks[0].payload.claim).toEqual(claim);
      expect(similar).toBeDefined();
      expect(following).toBe(true);
      // Claims written by one statement share its transaction, and so its match_seq.
      const { rows } = await db.query(`SELECT max(n)::int AS most FROM (SELECT count(*) AS n FROM claims WHERE id = ANY($1::uuid[]) GROUP BY match_seq) s`, [
        ids,
      ]);
      expect(rows[0].most).toBeGreaterThan(1);
    });

    it('in a shared statement, leaves out only a claim whose remembered token is no longer good', async () => {
      const creation = t.app.get(ClaimCreation);
      const busy = Array.from({ length: 4 }, (_, n) => creation.write(newClaim(`A claim that keeps a statement busy ${n}`)));
      const shared = [
        newClaim('Fuel prices will fall by ten shillings a litre next month'),
        newClaim('The new stadium will be finished before the games', {}, hashToken('a token that was never issued')),
        newClaim('Every ward will have a fire engine by March', {}, hashToken(desk.checker.defaultToken!)),
      ];
      const written = await Promise.all([...busy, ...shared.map((claim) => creation.write(claim))]);
      expect(written.map((row) => row?.id)).toEqual([...busy.map(() => expect.any(String)), shared[0].draft.id, undefined, shared[2].draft.id]);
      expect(await rowsOf(shared.map((claim) => claim.draft.id))).toEqual([
        [1, 1, 1, 1, 1],
        [0, 0, 0, 0, 0],
        [1, 1, 1, 1, 1],
      ]);
      expect(written[4]!.match_seq).toBe(written[6]!.match_seq);
    });

    it('when one claim of a shared statement cannot be written, writes the others and fails only that one', async () => {
      const creation = t.app.get(ClaimCreation);
      const busy = Array.from({ length: 4 }, (_, n) => creation.write(newClaim(`Another claim that keeps a statement busy ${n}`)));
      const shared = [
        newClaim('Teachers will get their arrears paid in full this term'),
        newClaim('A claim citing a source that no longer exists', { sourceId: randomUUID() }),
        newClaim('The bypass will cut the commute into the city by half'),
      ];
      const outcomes = await Promise.allSettled([...busy, ...shared.map((claim) => creation.write(claim))]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect(String((outcomes[5] as PromiseRejectedResult).reason)).toMatch(/foreign key/);
      expect(await rowsOf(shared.map((claim) => claim.draft.id))).toEqual([
        [1, 1, 1, 1, 1],
        [0, 0, 0, 0, 0],
        [1, 1, 1, 1, 1],
      ]);
    });
  });

  describe('PATCH', () => {
    it('needs If-Match (428), refuses a stale one (412), and records what changed, before and after', async () => {
      const { body } = await createClaim(desk.checker, { tags: ['haiti'] });
      expectProblem(await desk.checker.patch(`/v1/claims/${body.id}`, { priority: 'urgent' }), 428, 'PRECONDITION_REQUIRED');
      const patched = await desk.checker.patch(
        `/v1/claims/${body.id}`,
        { priority: 'urgent', tags: ['haiti', 'budget'], assigneeId: desk.checker.userId },
        { headers: { 'if-match': '"1"' } },
      );
      expect(patched.status).toBe(200);
      expect(patched.headers.get('etag')).toBe('"2"');
      expect(patched.body).toMatchObject({ priority: 'urgent', tags: ['haiti', 'budget'], assignee: { id: desk.checker.userId, name: 'Chebet' }, version: 2 });
      expectProblem(await desk.checker.patch(`/v1/claims/${body.id}`, { priority: 'low' }, { headers: { 'if-match': '"1"' } }), 412, 'PRECONDITION_FAILED');
      // A weak tag never matches; a list matches when any of its tags is the current one.
      expectProblem(await desk.checker.patch(`/v1/claims/${body.id}`, { priority: 'low' }, { headers: { 'if-match': 'W/"2"' } }), 412, 'PRECONDITION_FAILED');
      const listed = await desk.checker.patch(`/v1/claims/${body.id}`, { priority: 'high' }, { headers: { 'if-match': '"1", W/"3", "2"' } });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('etag')).toBe('"3"');
      expectProblem(
        await desk.checker.patch(`/v1/claims/${body.id}`, { priority: 'low' }, { headers: { 'if-match': '"1", "2"' } }),
        412,
        'PRECONDITION_FAILED',
      );

      const history = await desk.checker.get(`/v1/claims/${body.id}/history`);
      const updated = history.body.items.find((e: { type: string }) => e.type === 'claim.updated');
      expect(updated.actor).toEqual({ id: desk.checker.userId, name: 'Chebet' });
      expect(updated.data).toEqual({
        fields: ['tags', 'priority', 'assigneeId'],
        before: { tags: ['haiti'], priority: 'normal', assigneeId: null },
        after: { tags: ['haiti', 'budget'], priority: 'urgent', assigneeId: desk.checker.userId },
      });
    });

    it('clears nullable fields with null, refuses null for the others', async () => {
      const { body } = await createClaim(desk.checker, { quote: 'q', dueAt: inDays(3), assigneeId: desk.editor.userId });
      const cleared = await desk.checker.patch(`/v1/claims/${body.id}`, { quote: null, dueAt: null, assigneeId: null }, { headers: { 'if-match': '"1"' } });
      expect(cleared.body).toMatchObject({ quote: null, dueAt: null, assignee: null });
      expectProblem(await desk.checker.patch(`/v1/claims/${body.id}`, { text: null }, { headers: { 'if-match': '"2"' } }), 400, 'VALIDATION_FAILED');
      expectProblem(await desk.checker.patch(`/v1/claims/${body.id}`, { status: 'published' }, { headers: { 'if-match': '"2"' } }), 400, 'VALIDATION_FAILED');
    });

    it('of 20 concurrent PATCHes with one ETag, exactly one wins and the version rises by one', async () => {
      const { body } = await createClaim(desk.checker);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => desk.checker.patch(`/v1/claims/${body.id}`, { text: `Edit number ${i}` }, { headers: { 'if-match': '"1"' } })),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(19);
      const after = await desk.checker.get(`/v1/claims/${body.id}`);
      expect(after.body.version).toBe(2);
      expect(after.body.text).toBe(results.find((r) => r.status === 200)!.body.text);
      const history = await desk.checker.get(`/v1/claims/${body.id}/history`);
      expect(history.body.items.filter((e: { type: string }) => e.type === 'claim.updated')).toHaveLength(1);
    });
  });

  describe('evidence', () => {
    it('adds, lists and removes evidence without changing the version; not on a published claim (409)', async () => {
      const { body } = await createClaim(desk.checker);
      const added = await desk.checker.post(`/v1/claims/${body.id}/evidence`, {
        description: 'Treasury estimates, table 4',
        url: 'https://treasury.example/estimates.pdf',
        stance: 'supports',
      });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ claimId: body.id, stance: 'supports', addedBy: { id: desk.checker.userId, name: 'Chebet' } });
      await desk.checker.post(`/v1/claims/${body.id}/evidence`, { description: 'Parliamentary answer', stance: 'context' });
      const list = await desk.checker.get(`/v1/claims/${body.id}/evidence`);
      expect(list.body.items.map((e: { description: string }) => e.description)).toEqual(['Treasury estimates, table 4', 'Parliamentary answer']);
      expect(list.body.nextCursor).toBeNull();
      expect((await desk.checker.delete(`/v1/claims/${body.id}/evidence/${added.body.id}`)).status).toBe(204);
      expectProblem(await desk.checker.delete(`/v1/claims/${body.id}/evidence/${added.body.id}`), 404, 'NOT_FOUND');
      expect((await desk.checker.get(`/v1/claims/${body.id}`)).body.version).toBe(1);
      const types = (await desk.checker.get(`/v1/claims/${body.id}/history`)).body.items.map((e: { type: string }) => e.type);
      expect(types).toEqual(['claim.created', 'evidence.added', 'evidence.added', 'evidence.removed']);

      const published = await claimIn(desk, 'published', 'statement');
      expectProblem(await desk.checker.post(`/v1/claims/${published}/evidence`, { description: 'late', stance: 'refutes' }), 409, 'CONFLICT');
      const existing = (await desk.checker.get(`/v1/claims/${published}/evidence`)).body.items[0];
      expectProblem(await desk.checker.delete(`/v1/claims/${published}/evidence/${existing.id}`), 409, 'CONFLICT');
    });
  });

  describe('ClaimReview', () => {
    it('is 409 until the claim is published', async () => {
      const id = await claimIn(desk, 'in_review', 'statement');
      expectProblem(await desk.checker.get(`/v1/claims/${id}/claimreview`), 409, 'CONFLICT');
    });

    it('describes a published claim, and the DataFeed lists every published claim', async () => {
      const feedDesk = await createDesk(t, 'feed');
      const source = await feedDesk.checker.post('/v1/sources', { title: 'Briefing', url: 'https://news.example/briefing' });
      const { body } = await createClaim(feedDesk.checker, { sourceId: source.body.id, claimedAt: '2026-11-20T09:00:00Z' });
      await transition(feedDesk.checker, body.id, { to: 'in_research' });
      await feedDesk.checker.post(`/v1/claims/${body.id}/evidence`, { description: 'Budget', stance: 'supports' });
      await transition(feedDesk.checker, body.id, { to: 'in_review', verdict: { rating: 'mostly_true', summary: 'Close to the Treasury figure.' } });
      await transition(feedDesk.editor, body.id, { to: 'published', reviewUrl: 'https://desk.example/haiti' });
      const review = await feedDesk.checker.get(`/v1/claims/${body.id}/claimreview`);
      expect(review.status).toBe(200);
      expect(review.body).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        claimReviewed: body.text,
        url: 'https://desk.example/haiti',
        author: { '@type': 'Organization', name: expect.stringContaining('feed') },
        reviewRating: { '@type': 'Rating', ratingValue: 4, bestRating: 5, worstRating: 1, alternateName: 'Mostly true' },
        itemReviewed: {
          '@type': 'Claim',
          author: { '@type': 'Person', name: "Korir Sing'Oei" },
          datePublished: '2026-11-20T09:00:00.000Z',
          appearance: { url: 'https://news.example/briefing' },
        },
      });
      const feed = await feedDesk.checker.get('/v1/claimreview');
      expect(feed.body).toMatchObject({ '@context': 'https://schema.org', '@type': 'DataFeed' });
      expect(feed.body.dataFeedElement).toHaveLength(1);
      expect(feed.body.dataFeedElement[0].claimReviewed).toBe(body.text);
    });
  });

  describe('list, filters and search', () => {
    let own: Desk;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      own = await createDesk(t, 'search');
      ids.spent = (
        await createClaim(own.checker, {
          text: 'Kenya has spent Ksh 2.1 billion on the Haiti mission',
          tags: ['haiti', 'budget'],
          priority: 'high',
          dueAt: inDays(2),
        })
      ).body.id;
      ids.reimbursed = (
        await createClaim(own.checker, {
          text: 'The money Kenya spent will be reimbursed',
          kind: 'promise',
          tags: ['haiti'],
          assigneeId: own.editor.userId,
          dueAt: inDays(10),
        })
      ).body.id;
      ids.peacekeeping = (
        await createClaim(own.editor, {
          text: 'A new resolution will move the mission to a UN peacekeeping force',
          kind: 'promise',
          claimant: { name: 'Amina Odhiambo' },
          priority: 'urgent',
        })
      ).body.id;
      ids.opinion = (
        await createClaim(own.editor, {
          text: 'The mission fits the incoming US administration immigration policy',
          kind: 'opinion',
          priority: 'low',
          quote: 'It aligns with deportation plans',
        })
      ).body.id;
      await transition(own.checker, ids.spent, { to: 'in_research' });
    });

    const idsOf = (items: Array<Record<string, any>>) => items.map((c) => c.id);

    it('filters by status, kind, assignee (me or id), tag, claimant and dueBefore', async () => {
      expect(idsOf(await pageAll(own.checker, 'status=in_research'))).toEqual([ids.spent]);
      expect(idsOf(await pageAll(own.checker, 'kind=promise')).sort()).toEqual([ids.reimbursed, ids.peacekeeping].sort());
      expect(idsOf(await pageAll(own.checker, 'assignee=me'))).toEqual([ids.spent]);
      expect(idsOf(await pageAll(own.editor, 'assignee=me'))).toEqual([ids.reimbursed]);
      expect(idsOf(await pageAll(own.checker, `assignee=${own.editor.userId}`))).toEqual([ids.reimbursed]);
      expect(idsOf(await pageAll(own.checker, 'tag=budget'))).toEqual([ids.spent]);
      expect(idsOf(await pageAll(own.checker, 'claimant=odhiAMBO'))).toEqual([ids.peacekeeping]);
      expect(idsOf(await pageAll(own.checker, 'claimant=sing%27o')).sort()).toEqual([ids.spent, ids.reimbursed, ids.opinion].sort());
      expect(idsOf(await pageAll(own.checker, `dueBefore=${encodeURIComponent(inDays(5))}`))).toEqual([ids.spent]);
      expect(idsOf(await pageAll(own.checker, 'kind=promise&tag=haiti'))).toEqual([ids.reimbursed]);
    });

    it('searches text, quote and claimant with English stemming', async () => {
      expect(idsOf(await pageAll(own.checker, 'q=reimburse'))).toEqual([ids.reimbursed]);
      expect(idsOf(await pageAll(own.checker, 'q=deportation'))).toEqual([ids.opinion]);
      expect(idsOf(await pageAll(own.checker, 'q=odhiambo'))).toEqual([ids.peacekeeping]);
      expect(idsOf(await pageAll(own.checker, 'q=missions&kind=promise'))).toEqual([ids.peacekeeping]);
      expect(await pageAll(own.checker, 'q=' + encodeURIComponent('"& | !('))).toEqual([]);
    });

    it('sorts by -updatedAt (default), updatedAt, dueAt (no date last) and -priority, page by page', async () => {
      const all = [ids.spent, ids.reimbursed, ids.peacekeeping, ids.opinion];
      expect(idsOf(await pageAll(own.checker, 'sort=-updatedAt'))).toEqual([ids.spent, ids.opinion, ids.peacekeeping, ids.reimbursed]);
      expect(idsOf(await pageAll(own.checker, ''))).toEqual([ids.spent, ids.opinion, ids.peacekeeping, ids.reimbursed]);
      expect(idsOf(await pageAll(own.checker, 'sort=updatedAt'))).toEqual([ids.reimbursed, ids.peacekeeping, ids.opinion, ids.spent]);
      const byDue = idsOf(await pageAll(own.checker, 'sort=dueAt'));
      expect(byDue.slice(0, 2)).toEqual([ids.spent, ids.reimbursed]);
      expect(byDue.sort()).toEqual([...all].sort());
      expect(idsOf(await pageAll(own.checker, 'sort=-priority'))).toEqual([ids.peacekeeping, ids.spent, ids.reimbursed, ids.opinion]);
    });

    it('refuses unknown filter values and a cursor from another sort with 400', async () => {
      for (const query of ['status=archived', 'kind=rumour', 'assignee=someone', 'sort=priority', 'dueBefore=tomorrow', 'limit=0', 'limit=201', 'page=2']) {
        expectProblem(await own.checker.get(`/v1/claims?${query}`), 400, 'VALIDATION_FAILED');
      }
      const first = await own.checker.get('/v1/claims?limit=1&sort=-updatedAt');
      expectProblem(await own.checker.get(`/v1/claims?limit=1&sort=-priority&cursor=${first.body.nextCursor}`), 400, 'VALIDATION_FAILED');
    });
  });
});
