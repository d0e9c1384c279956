import { z } from 'zod';
import addressparser from 'nodemailer/lib/addressparser';

/**
 * The environment, validated once at start-up (docs/api.md, "Running it").
 *
 * Every variable is optional: unset or empty takes the default. A bad value stops start-up with
 * one line per variable that names the variable and the rule it breaks (see `ConfigError`) —
 * never the value, which may be a password or a key, and never a stack trace.
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
  /** The claims an API host keeps in its matching indexes, all workspaces together (src/claims/similar-claims.ts). */
  matchIndexMaxClaims: number;
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
  /** Live events: the comment line that keeps proxies from closing a stream, every this many ms (15 s; tests shorten it). */
  liveHeartbeatMs?: number;
}

export class ConfigError extends Error {
  /** One line per bad variable: `NAME: rule`. */
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Unset and empty read as absent; anything else is trimmed before its rule applies. */
function variable<T extends z.ZodType>(schema: T) {
  return z.preprocess((raw: unknown) => (typeof raw === 'string' && raw !== '' ? raw.trim() : undefined), schema);
}

function integer(min: number, max: number) {
  const rule = `must be a whole number from ${min} to ${max}`;
  return z.string().regex(/^\d+$/, rule).transform(Number).pipe(z.number().int().min(min, rule).max(max, rule));
}

function oneOf<const T extends readonly [string, ...string[]]>(allowed: T) {
  return z.enum(allowed, { error: `must be one of ${allowed.join(', ')}` });
}

const boolean = z.stringbool({ truthy: ['true', '1', 'yes'], falsy: ['false', '0', 'no'], case: 'insensitive', error: 'must be true or false' });

/** What the path of a URL names: a PostgreSQL database, a Redis database number, or nothing. */
type UrlPath = 'database' | 'database number' | 'none';

function url(protocols: string[], path: UrlPath) {
  const parse = (raw: string) => new URL(raw);
  const decodes = (part: string) => {
    try {
      decodeURIComponent(part);
      return true;
    } catch {
      return false;
    }
  };
  return z
    .string()
    .refine((raw) => URL.canParse(raw), { error: `must be a URL (${protocols.map((p) => `${p}//…`).join(' or ')})`, abort: true })
    .refine((raw) => protocols.includes(parse(raw).protocol), { error: `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`, abort: true })
    .refine((raw) => parse(raw).hostname !== '', { error: 'has no host', abort: true })
    .refine((raw) => decodes(parse(raw).username) && decodes(parse(raw).password), {
      error: 'has a user name or password with broken percent-encoding (write % as %25)',
      abort: true,
    })
    .refine((raw) => path !== 'database' || parse(raw).pathname.replace(/^\//, '') !== '', { error: 'names no database (…/claimtrack)' })
    .refine((raw) => path !== 'database number' || /^\/?(\d{1,2})?$/.test(parse(raw).pathname), {
      error: 'may end only with a database number (…/0 to …/99)',
    });
}

/** One sender address, with or without a display name: `claimtrack <desk@example.org>`. */
const sender = z.string().refine(
  (raw) => {
    const parsed = addressparser(raw, { flatten: true });
    return parsed.length === 1 && /^[^\s@]+@[^\s@]+$/.test(parsed[0].address);
  },
  { error: 'must be one e-mail address, optionally with a name: claimtrack <desk@example.org>' },
);

/** An http(s) origin, as people type it: a trailing slash is dropped; a path is refused. */
const origin = z
  .string()
  .refine((raw) => URL.canParse(raw), { error: 'must be a URL such as https://desk.example.org', abort: true })
  .transform((raw) => new URL(raw))
  .refine((parsed) => parsed.protocol === 'http:' || parsed.protocol === 'https:', { error: 'must start with http:// or https://', abort: true })
  .refine((parsed) => parsed.pathname === '/' && !parsed.search && !parsed.hash && !parsed.username && !parsed.password, {
    error: 'must be an origin only (scheme, host and port; no path)',
  })
  .transform((parsed) => parsed.origin);

const secretsKey = z
  .string()
  .transform((raw) => Buffer.from(raw, 'base64'))
  .refine((key) => key.length === 32, { error: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)' });

/** Each variable by its name in the environment; `.default()` is the documented default. */
const ENVIRONMENT = z.object({
  PORT: variable(integer(0, 65535).default(3000)),
  DATABASE_URL: variable(url(['postgres:', 'postgresql:'], 'database').default('postgres://postgres@127.0.0.1:5432/claimtrack')),
  REDIS_URL: variable(url(['redis:', 'rediss:'], 'database number').default('redis://127.0.0.1:6379')),
  APP_ROLE: variable(oneOf(['api', 'worker', 'all']).default('all')),
  ADMIN_TOKEN: variable(z.string().nullable().default(null)),
  SMTP_URL: variable(url(['smtp:', 'smtps:'], 'none').nullable().default(null)),
  SMTP_FROM: variable(sender.default('claimtrack <no-reply@claimtrack.invalid>')),
  WEBHOOK_ALLOW_PRIVATE: variable(boolean.default(false)),
  DELIVERY_RETRY_BASE_MS: variable(integer(1, 86_400_000).default(10000)),
  DELIVERY_MAX_ATTEMPTS: variable(integer(1, 100).default(8)),
  RATE_LIMIT_PER_MINUTE: variable(integer(0, 10_000_000).default(1200)),
  MATCH_INDEX_MAX_CLAIMS: variable(integer(0, 100_000_000).default(500_000)),
  QUEUE_PREFIX: variable(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _')
      .default('claimtrack'),
  ),
  LOG_LEVEL: variable(oneOf(LOG_LEVELS).default('info')),
  METRICS_PORT: variable(integer(1, 65535).nullable().default(null)),
  SECRETS_KEY: variable(secretsKey.nullable().default(null)),
  PUBLIC_URL: variable(origin.optional()),
  TRUST_PROXY: variable(boolean.default(false)),
});

/** Reads and checks every variable; collects all problems before failing. */
export function loadConfig(env: Env = process.env): AppConfig {
  const result = ENVIRONMENT.safeParse(env);
  if (!result.success) throw new ConfigError(problemLines(result.error));
  const vars = result.data;
  return {
    port: vars.PORT,
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    appRole: vars.APP_ROLE,
    adminToken: vars.ADMIN_TOKEN,
    smtpUrl: vars.SMTP_URL,
    smtpFrom: vars.SMTP_FROM,
    webhookAllowPrivate: vars.WEBHOOK_ALLOW_PRIVATE,
    deliveryRetryBaseMs: vars.DELIVERY_RETRY_BASE_MS,
    deliveryMaxAttempts: vars.DELIVERY_MAX_ATTEMPTS,
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
    matchIndexMaxClaims: vars.MATCH_INDEX_MAX_CLAIMS,
    queuePrefix: vars.QUEUE_PREFIX,
    logLevel: vars.LOG_LEVEL,
    metricsPort: vars.METRICS_PORT,
    secretsKey: vars.SECRETS_KEY,
    publicUrl: vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`,
    trustProxy: vars.TRUST_PROXY,
  };
}

/**
 * `NAME: rule`, the first rule each variable breaks. Built from the issue's path and our own
 * messages only: an issue's input (the value) is never read, so no secret reaches a log.
 */
function problemLines(error: z.ZodError): string[] {
  const byVariable = new Map<string, string>();
  for (const issue of error.issues) {
    const name = String(issue.path[0]);
    if (!byVariable.has(name)) byVariable.set(name, `${name}: ${issue.message.replace(/\s+/g, ' ')}`);
  }
  return [...byVariable.values()];
}
