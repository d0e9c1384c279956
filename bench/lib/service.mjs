// What the benches that start the built service share: a fresh database, a free port, the
// host's /metrics, and a description of the machine the figures came from.
import os from 'node:os';
import pg from 'pg';

const round = (x, digits) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);

export async function dropDatabase(maintenanceUrl, name) {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Fails when something already answers at `url`, so a bench never measures a stranger. */
export async function assertPortFree(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
  } catch (error) {
    if (error?.name === 'TimeoutError')
      throw new Error(`${url} accepts connections but does not answer: the port is taken (pass another port)`, { cause: error });
    return;
  }
  throw new Error(`something already answers at ${url}: pass another port`);
}

/** The numbers of a host's /metrics (unlabelled series only). */
export async function scrape(baseUrl) {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const values = {};
  for (const line of text.split('\n')) {
    const m = /^([a-z_0-9]+) ([0-9.e+-]+)$/.exec(line);
    if (m) values[m[1]] = Number(m[2]);
  }
  return values;
}

/** CPU, memory, Node and PostgreSQL versions, and the load average when the bench started. */
export async function machine(dbUrl, loadAtStart) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const version = (await client.query('SHOW server_version')).rows[0].server_version;
  await client.end();
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    postgres: version,
    loadAverageAtStart: loadAtStart.map((x) => round(x, 2)),
  };
}
