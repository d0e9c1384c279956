import globalTeardown from './global-teardown';

/** Drops the fault tests' databases and stops the Redis faults-setup.ts started for them. */
export default async function faultsTeardown(): Promise<void> {
  await globalTeardown();
  const server = globalThis.faultsRedis;
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
}
