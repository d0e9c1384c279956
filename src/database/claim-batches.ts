import type { QueryRunner } from 'typeorm';

export interface ClaimText {
  id: string;
  workspace_id: string;
  text: string;
}

/**
 * Every claim's id, workspace and text, in batches in id order: for migrations that compute
 * something from the text in JavaScript and write it back (the match keys).
 */
export async function forEachClaimBatch(queryRunner: QueryRunner, work: (claims: ClaimText[]) => Promise<void>, batch = 2000): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const claims = (await queryRunner.query(`SELECT id, workspace_id, text FROM claims WHERE id > $1 ORDER BY id LIMIT ${batch}`, [after])) as ClaimText[];
    if (claims.length === 0) return;
    await work(claims);
    after = claims[claims.length - 1].id;
  }
}
