// Seeds a tracker straight into PostgreSQL: published promises and statements as the tracker
// stores them (claims, tracker_entries, tracker_publications), scheduled follow-ups for the open
// promises, and unpublished claims beside them. Deterministic (setseed). Going through the API
// would take ten requests per claim; the pages only read these tables.

/** Claimant names are plain words and digits, so their address is the name in lower case with `-`. */
const SLUG_SQL = `lower(regexp_replace(n.name, '[^A-Za-z0-9]+', '-', 'g'))`;

/**
 * @param {import('pg').Client} db
 * @param {{ workspaceId: string, promises: number, statements: number, unpublished: number, claimants: number }} o
 */
export async function seedTracker(db, o) {
  await db.query('SELECT setseed(0.42)');
  await db.query(
    `CREATE TEMP TABLE bench_names AS SELECT i, 'Claimant ' || chr(65 + i % 26) || chr(65 + (i / 26) % 26) || ' ' || i AS name FROM generate_series(0, $1 - 1) i`,
    [o.claimants],
  );
  // A few claimants make most claims (a head of state, a ministry): cubed uniform draws.
  const insertClaims = (kind, ratings, count, status) =>
    db.query(
      `INSERT INTO claims (workspace_id, text, kind, claimant_name, claimant_affiliation, quote, status, verdict_rating, verdict_summary,
                           published_at, review_url, claimed_at, created_at, updated_at)
       SELECT $1, initcap($2) || ' ' || s.g || ': the county will deliver ' || (s.g % 97) || ' new classrooms and ' || (s.g % 13) || ' clinics by ' || (2027 + s.g % 5),
              $2::claim_kind, n.name, 'Office ' || (n.i % 17), 'We will deliver it, you have my word (' || s.g || ')', $3::claim_status,
              CASE WHEN $3 = 'published' THEN ($4::text[])[1 + s.r] END,
              CASE WHEN $3 = 'published' THEN 'Our reporters checked budget lines and site visits for item ' || s.g || '.' END,
              CASE WHEN $3 = 'published' THEN now() - (s.g || ' minutes')::interval END,
              CASE WHEN $3 = 'published' AND s.g % 3 = 0 THEN 'https://desk.example/checks/' || s.g END,
              now() - interval '400 days' + (s.g || ' minutes')::interval, now() - interval '300 days', now() - interval '1 day'
         FROM (SELECT g, floor($5 * power(random(), 3))::int AS ci, floor(random() * cardinality($4::text[]))::int AS r
                 FROM generate_series(1, $6) g) s
         JOIN bench_names n ON n.i = s.ci`,
      [o.workspaceId, kind, status, ratings, o.claimants, count],
    );
  const promiseRatings = ['kept', 'compromise', 'broken', 'in_the_works', 'stalled'];
  const statementRatings = ['true', 'mostly_true', 'half_true', 'mostly_false', 'false', 'misleading', 'unproven'];
  await insertClaims('promise', promiseRatings, o.promises, 'published');
  await insertClaims('statement', statementRatings, o.statements, 'published');
  for (const status of ['submitted', 'in_research', 'monitoring', 'in_review', 'rejected'])
    await insertClaims('promise', promiseRatings, Math.round(o.unpublished / 5), status);

  await db.query(
    `INSERT INTO tracker_entries (claim_id, workspace_id, kind, text, claimant_name, claimant_affiliation, claimant_slug, quote, claimed_at,
                                  source_title, source_url, rating, summary, review_url, published_at, rechecking, evidence)
     SELECT c.id, c.workspace_id, c.kind, c.text, c.claimant_name, c.claimant_affiliation, ${SLUG_SQL.replace('n.name', 'c.claimant_name')}, c.quote, c.claimed_at,
            'County budget statement', 'https://county.example/budget', c.verdict_rating, c.verdict_summary, c.review_url, c.published_at, false,
            jsonb_build_array(
              jsonb_build_object('description', 'Budget line for the project', 'url', 'https://county.example/budget#l' || left(c.id::text, 8), 'stance', 'supports'),
              jsonb_build_object('description', 'Site visit by our reporter', 'url', null, 'stance', 'context'),
              jsonb_build_object('description', 'Contractor statement', 'url', 'https://contractor.example/statement', 'stance', 'refutes'))
       FROM claims c WHERE c.workspace_id = $1 AND c.status = 'published'`,
    [o.workspaceId],
  );
  // One publication each, and an earlier interim one for a fifth of them (re-rated claims).
  await db.query(
    `INSERT INTO tracker_publications (workspace_id, claim_id, kind, text, claimant_name, claimant_slug, rating, summary, review_url, published_at)
     SELECT workspace_id, claim_id, kind, text, claimant_name, claimant_slug, rating, summary, review_url, published_at FROM tracker_entries WHERE workspace_id = $1
     UNION ALL
     SELECT workspace_id, claim_id, kind, text, claimant_name, claimant_slug, CASE kind WHEN 'promise' THEN 'in_the_works' ELSE 'unproven' END,
            'An earlier rating.', null, published_at - interval '90 days'
       FROM tracker_entries WHERE workspace_id = $1 AND abs(hashtext(claim_id::text)) % 5 = 0`,
    [o.workspaceId],
  );
  // Open promises are checked again: a scheduled follow-up each, and the deadline reminders of the unpublished claims.
  await db.query(
    `INSERT INTO reminders (workspace_id, claim_id, kind, message, due_at, status)
     SELECT workspace_id, claim_id, 'follow_up'::reminder_kind, 'Follow up: ' || left(text, 40), now() + (1 + abs(hashtext(claim_id::text)) % 180) * interval '1 day', 'scheduled'::reminder_status
       FROM tracker_entries WHERE workspace_id = $1 AND rating IN ('in_the_works', 'stalled')
     UNION ALL
     SELECT workspace_id, id, 'manual', 'Call the press office', now() + interval '3 days', 'scheduled' FROM claims WHERE workspace_id = $1`,
    [o.workspaceId],
  );
  const counts = await db.query(`SELECT kind, count(*)::int AS n FROM tracker_entries WHERE workspace_id = $1 GROUP BY kind ORDER BY kind`, [o.workspaceId]);
  return Object.fromEntries(counts.rows.map((r) => [r.kind, r.n]));
}
