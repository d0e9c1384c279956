import { RepeatedFailure } from './repeated-failure';

describe('RepeatedFailure', () => {
  function subject(intervalMs = 60_000) {
    const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
    const write = (level: string) => (fields: Record<string, unknown>, message: string) => lines.push({ level, fields, message });
    let now = 1_000_000;
    const log = new RepeatedFailure({ warn: write('warn'), error: write('error'), log: write('log') }, 'reading delivery counts', {
      intervalMs,
      now: () => now,
    });
    return { lines, log, advance: (ms: number) => (now += ms) };
  }

  it('logs the first failure at once, then one line per interval counting the failures it stands for', () => {
    const { lines, log, advance } = subject();
    const error = new Error('connection refused');
    log.failed(error);
    expect(lines).toEqual([{ level: 'warn', fields: { err: error, failures: 1 }, message: 'reading delivery counts failed' }]);
    for (let i = 0; i < 4; i++) {
      advance(15_000);
      log.failed(error);
    }
    // 15, 30, 45 s: within the interval; 60 s: the second line, for those four failures.
    expect(lines).toHaveLength(2);
    expect(lines[1].fields).toMatchObject({ failures: 4 });
  });

  it('says once that it works again, and then logs the next failure at once', () => {
    const { lines, log, advance } = subject();
    log.failed(new Error('down'));
    advance(1000);
    log.failed(new Error('down'));
    log.succeeded();
    log.succeeded();
    expect(lines.map((l) => l.message)).toEqual(['reading delivery counts failed', 'reading delivery counts works again']);
    expect(lines[1].fields).toEqual({ unloggedFailures: 1 });
    advance(1000);
    log.failed(new Error('down again'));
    expect(lines).toHaveLength(3);
  });

  it('says nothing while all goes well', () => {
    const { lines, log } = subject();
    log.succeeded();
    expect(lines).toEqual([]);
  });

  it('writes at the level it was given', () => {
    const lines: string[] = [];
    const log = new RepeatedFailure({ warn: () => lines.push('warn'), error: () => lines.push('error'), log: () => lines.push('log') }, 'x', {
      level: 'error',
    });
    log.failed(new Error('boom'));
    expect(lines).toEqual(['error']);
  });
});
