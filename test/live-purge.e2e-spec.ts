import { Client } from 'pg';
import { PurgeLiveEventsHandler } from '../src/events/purge-live-events.handler';
import { createDesk, startApp, type TestApp } from './support/app';
import { createClaim } from './support/claims';
import { waitFor } from './support/wait';

describe('purging live events', () => {
  let t: TestApp;
  let db: Client;

  beforeAll(async () => {
    t = await startApp();
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('drops live events older than a day, keeps newer ones, other events and the stream head', async () => {
    const desk = await createDesk(t, 'purge');
    const claims = [];
    for (let i = 0; i < 4; i++) claims.push((await createClaim(desk.checker, { text: `claim ${i}` })).body.id);
    const live = async () =>
      (
        await db.query<{ claim_id: string; seq: string }>(`SELECT claim_id, seq FROM outbox_events WHERE workspace_id = $1 AND live ORDER BY seq`, [
          desk.workspaceId,
        ])
      ).rows;
    await waitFor(async () => (await live()).length === 4 && (await live()).every((r) => r.seq !== null), { what: 'four numbered live events' });
    const others = async () =>
      Number((await db.query(`SELECT count(*) AS n FROM outbox_events WHERE workspace_id = $1 AND NOT live`, [desk.workspaceId])).rows[0].n);
    const otherBefore = await others();
    expect(otherBefore).toBe(4); // the webhook claim.created events
    // The first two (and every non-live event) are two days old.
    await db.query(`UPDATE outbox_events SET created_at = now() - interval '2 days' WHERE workspace_id = $1 AND (NOT live OR claim_id = ANY($2::uuid[]))`, [
      desk.workspaceId,
      claims.slice(0, 2),
    ]);
    const head = (await db.query(`SELECT last_seq FROM live_stream_heads WHERE workspace_id = $1`, [desk.workspaceId])).rows[0].last_seq;

    await t.app.get(PurgeLiveEventsHandler).handle();

    expect((await live()).map((r) => r.claim_id)).toEqual(claims.slice(2));
    expect(await others()).toBe(otherBefore);
    expect((await db.query(`SELECT last_seq FROM live_stream_heads WHERE workspace_id = $1`, [desk.workspaceId])).rows[0].last_seq).toBe(head);
    // Numbers go on from the head: never one given twice.
    const next = (await createClaim(desk.checker, { text: 'after the purge' })).body.id;
    await waitFor(async () => (await live()).some((r) => r.claim_id === next && r.seq !== null), { what: 'the next live event' });
    expect(Number((await live()).find((r) => r.claim_id === next)!.seq)).toBe(Number(head) + 1);
  });
});
