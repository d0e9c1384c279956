/**
 * Command-line options of a bench: `--some-option=value` for each key of `defaults`
 * (camelCase there), typed after the default (a bare `--flag` is true), and, when `commands`
 * are given, one optional sub-command (the first of them by default) returned as `mode`.
 */
export function parseOptions(argv, defaults, commands = []) {
  const opts = { ...defaults };
  if (commands.length > 0) opts.mode = commands[0];
  const flag = (key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  for (const arg of argv) {
    if (commands.includes(arg)) {
      opts.mode = arg;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg}${commands.length > 0 ? ` (sub-commands: ${commands.join(', ')})` : ''}`);
    const key = m[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown option --${m[1]} (known: ${Object.keys(defaults).map(flag).join(' ')})`);
    const current = defaults[key];
    if (typeof current === 'boolean') opts[key] = m[2] === undefined ? true : m[2] === 'true';
    else if (typeof current === 'number') opts[key] = Number(m[2]);
    else opts[key] = m[2];
    if (typeof current === 'number' && !Number.isFinite(opts[key])) throw new Error(`--${m[1]} needs a number`);
  }
  return opts;
}
