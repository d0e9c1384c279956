/**
 * The environment, validated once at start-up (product.md, "Running it").
 *
 * Every variable is optional; a bad value stops start-up with one line per variable
 * (see `ConfigError`), never a stack trace.
 */
export type AppRole = 'api' | 'worker' | 'all';

export interface AppConfig {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  appRole: AppRole;
  adminToken: string | null;
  smtpUrl: string | null;
  smtpFrom: string;
  webhookAllowPrivate: boolean;
  deliveryRetryBaseMs: number;
  deliveryMaxAttempts: number;
  rateLimitPerMinute: number;
  /** BullMQ key prefix; lets several deployments (or test files) share one Redis. */
  queuePrefix: string;
  logLevel: string;
  /** Worker-only hosts: serve /health and /metrics on this port when set. */
  metricsPort: number | null;
  /** 32 bytes, base64: encrypts webhook secrets at rest. Generated and stored when unset. */
  secretsKey: Buffer | null;
  /** The origin people reach the desk at (no trailing slash): links, cookies' Secure flag, the same-origin rule. */
  publicUrl: string;
  /** Behind a reverse proxy: the client address is read from X-Forwarded-For. */
  trustProxy: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and checks every variable; collects all problems before failing. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = <T>(name: string, fallback: T, parse: (raw: string) => T | string): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const parsed = parse(raw.trim());
    if (typeof parsed === 'string' && parsed.startsWith('!')) {
      problems.push(`${name}: ${parsed.slice(1)} (got ${JSON.stringify(raw)})`);
      return fallback;
    }
    return parsed as T;
  };

  const config: AppConfig = {
    port: read('PORT', 3000, integer(0, 65535)),
    databaseUrl: read('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/claimtrack', url(['postgres:', 'postgresql:'], true)),
    redisUrl: read('REDIS_URL', 'redis://127.0.0.1:6379', url(['redis:', 'rediss:'], false)),
    appRole: read<AppRole>('APP_ROLE', 'all', oneOf(['api', 'worker', 'all'] as const)),
    adminToken: read<string | null>('ADMIN_TOKEN', null, (raw) => raw),
    smtpUrl: read<string | null>('SMTP_URL', null, url(['smtp:', 'smtps:'], false)),
    smtpFrom: read('SMTP_FROM', 'claimtrack <no-reply@claimtrack.invalid>', (raw) => raw),
    webhookAllowPrivate: read('WEBHOOK_ALLOW_PRIVATE', false, boolean),
    deliveryRetryBaseMs: read('DELIVERY_RETRY_BASE_MS', 10000, integer(1, 86_400_000)),
    deliveryMaxAttempts: read('DELIVERY_MAX_ATTEMPTS', 8, integer(1, 100)),
    rateLimitPerMinute: read('RATE_LIMIT_PER_MINUTE', 1200, integer(0, 10_000_000)),
    queuePrefix: read('QUEUE_PREFIX', 'claimtrack', (raw) => (/^[A-Za-z0-9_-]+$/.test(raw) ? raw : '!must be letters, digits, - or _')),
    logLevel: read('LOG_LEVEL', 'info', oneOf(LOG_LEVELS)),
    metricsPort: read<number | null>('METRICS_PORT', null, integer(1, 65535)),
    secretsKey: read<Buffer | null>('SECRETS_KEY', null, (raw) => {
      const key = Buffer.from(raw, 'base64');
      return key.length === 32 ? key : '!must be 32 bytes, base64-encoded (openssl rand -base64 32)';
    }),
    publicUrl: '',
    trustProxy: read('TRUST_PROXY', false, boolean),
  };
  config.publicUrl = read('PUBLIC_URL', `http://localhost:${config.port}`, origin);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function integer(min: number, max: number) {
  return (raw: string): number | string => {
    if (!/^\d+$/.test(raw)) return `!must be a whole number from ${min} to ${max}`;
    const n = Number(raw);
    return n >= min && n <= max ? n : `!must be a whole number from ${min} to ${max}`;
  };
}

function oneOf<T extends string>(allowed: readonly T[]) {
  return (raw: string): T | string => ((allowed as readonly string[]).includes(raw) ? raw : `!must be one of ${allowed.join(', ')}`);
}

function boolean(raw: string): boolean | string {
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  return '!must be true or false';
}

function url(protocols: string[], needsDatabase: boolean) {
  return (raw: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      return `!must be a URL (${protocols.map((p) => `${p}//…`).join(' or ')})`;
    }
    if (!protocols.includes(parsed.protocol)) return `!must start with ${protocols.map((p) => `${p}//`).join(' or ')}`;
    if (!parsed.hostname) return '!has no host';
    if (needsDatabase && parsed.pathname.replace(/^\//, '') === '') return '!names no database (…/claimtrack)';
    return raw;
  };
}

/** An http(s) origin, as people type it: a trailing slash is dropped; a path is refused. */
function origin(raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return '!must be a URL such as https://desk.example.org';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return '!must start with http:// or https://';
  if (parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username || parsed.password)
    return '!must be an origin only (scheme, host and port; no path)';
  return parsed.origin;
}
