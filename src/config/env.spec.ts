import { ConfigError, loadConfig } from './env';

describe('loadConfig', () => {
  it('applies the documented defaults when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/claimtrack',
      redisUrl: 'redis://127.0.0.1:6379',
      appRole: 'all',
      adminToken: null,
      smtpUrl: null,
      webhookAllowPrivate: false,
      deliveryRetryBaseMs: 10000,
      deliveryMaxAttempts: 8,
      rateLimitPerMinute: 1200,
      matchIndexMaxClaims: 500_000,
      publicUrl: 'http://localhost:3000',
      trustProxy: false,
    });
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('takes PUBLIC_URL as an origin, and refuses one with a path', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://desk.example.org/' }).publicUrl).toBe('https://desk.example.org');
    expect(loadConfig({ PUBLIC_URL: 'https://desk.example.org:8443' }).publicUrl).toBe('https://desk.example.org:8443');
    expect(() => loadConfig({ PUBLIC_URL: 'https://desk.example.org/claimtrack' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://desk.example.org' })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db.internal:5433/desk',
      REDIS_URL: 'rediss://cache.internal:6380/2',
      APP_ROLE: 'worker',
      ADMIN_TOKEN: 's3cret',
      SMTP_URL: 'smtp://mail.internal:2525',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      DELIVERY_RETRY_BASE_MS: '50',
      DELIVERY_MAX_ATTEMPTS: '3',
      RATE_LIMIT_PER_MINUTE: '0',
      MATCH_INDEX_MAX_CLAIMS: '1000',
    });
    expect(config).toMatchObject({
      port: 8080,
      appRole: 'worker',
      adminToken: 's3cret',
      smtpUrl: 'smtp://mail.internal:2525',
      webhookAllowPrivate: true,
      deliveryRetryBaseMs: 50,
      deliveryMaxAttempts: 3,
      rateLimitPerMinute: 0,
      matchIndexMaxClaims: 1000,
    });
  });

  it.each([
    ['APP_ROLE', 'scheduler'],
    ['PORT', 'eighty'],
    ['MATCH_INDEX_MAX_CLAIMS', '-1'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://root@localhost/claimtrack'],
    ['DATABASE_URL', 'postgres://localhost'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['SMTP_URL', 'mail.example'],
    ['WEBHOOK_ALLOW_PRIVATE', 'perhaps'],
    ['DELIVERY_RETRY_BASE_MS', '-5'],
    ['DELIVERY_MAX_ATTEMPTS', '0'],
    ['RATE_LIMIT_PER_MINUTE', '1.5'],
  ])('refuses %s=%s with one line that names the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(`${name}: `)).toBe(true);
    expect(problems[0]).not.toContain('\n');
  });

  it('takes a Redis database number, and one sender address with or without a name', () => {
    expect(loadConfig({ REDIS_URL: 'redis://cache.internal:6380/2' }).redisUrl).toBe('redis://cache.internal:6380/2');
    expect(loadConfig({ SMTP_FROM: 'desk@example.org' }).smtpFrom).toBe('desk@example.org');
    for (const from of ['the desk', 'a@example.org, b@example.org', '<>'])
      expect(problemsOf({ SMTP_FROM: from })).toEqual(['SMTP_FROM: must be one e-mail address, optionally with a name: claimtrack <desk@example.org>']);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ APP_ROLE: 'x', PORT: 'y' }).map((p) => p.split(':')[0])).toEqual(['PORT', 'APP_ROLE']);
  });

  it('accepts a value that starts with "!" (the old error marker)', () => {
    const config = loadConfig({ ADMIN_TOKEN: '!s3cret-token', SMTP_FROM: '!desk <desk@example.org>', QUEUE_PREFIX: 'desk' });
    expect(config.adminToken).toBe('!s3cret-token');
    expect(config.smtpFrom).toBe('!desk <desk@example.org>');
  });

  it('still treats an empty variable as unset and trims the others', () => {
    expect(loadConfig({ PORT: '', ADMIN_TOKEN: '', SECRETS_KEY: '' })).toMatchObject({ port: 3000, adminToken: null, secretsKey: null });
    expect(loadConfig({ PORT: ' 8080 ', ADMIN_TOKEN: ' tok ' })).toMatchObject({ port: 8080, adminToken: 'tok' });
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({ SECRETS_KEY: key.toString('base64') }).secretsKey).toEqual(key);
    expect(loadConfig({ METRICS_PORT: '9464', LOG_LEVEL: 'debug', QUEUE_PREFIX: 'desk_2' })).toMatchObject({
      metricsPort: 9464,
      logLevel: 'debug',
      queuePrefix: 'desk_2',
    });
  });

  it.each([
    ['DATABASE_URL', 'mysql://desk:hunter2-pass@db.internal/claimtrack', 'DATABASE_URL: must start with postgres:// or postgresql://', 'hunter2-pass'],
    ['DATABASE_URL', 'postgres://desk:hunter2-pass@db.internal', 'DATABASE_URL: names no database (…/claimtrack)', 'hunter2-pass'],
    ['DATABASE_URL', 'db.internal user=desk password=hunter2-pass', 'DATABASE_URL: must be a URL (postgres://… or postgresql://…)', 'hunter2-pass'],
    ['SECRETS_KEY', 'c2hvcnQtc2VjcmV0LWtleQ==', 'SECRETS_KEY: must be 32 bytes, base64-encoded (openssl rand -base64 32)', 'c2hvcnQtc2VjcmV0LWtleQ'],
    ['REDIS_URL', 'http://:redis-pass@cache.internal:6379', 'REDIS_URL: must start with redis:// or rediss://', 'redis-pass'],
    ['SMTP_URL', 'smtp://mailer:smtp-pass@', 'SMTP_URL: must be a URL (smtp://… or smtps://…)', 'smtp-pass'],
    ['REDIS_URL', 'redis://:redis-pass@cache.internal/cache', 'REDIS_URL: may end only with a database number (…/0 to …/99)', 'redis-pass'],
    [
      'REDIS_URL',
      'redis://:redis%zzpass@cache.internal',
      'REDIS_URL: has a user name or password with broken percent-encoding (write % as %25)',
      'redis%zzpass',
    ],
    [
      'DATABASE_URL',
      'postgres://desk:pg%zzpass@db.internal/claimtrack',
      'DATABASE_URL: has a user name or password with broken percent-encoding (write % as %25)',
      'pg%zzpass',
    ],
  ])('refuses %s=%s naming the variable and the rule, never the value', (name, value, line, secret) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toEqual([line]);
    expect(problems.join('\n')).not.toContain(secret);
  });

  it('names the rule of every kind of variable', () => {
    expect(
      problemsOf({ PORT: '70000', APP_ROLE: 'scheduler', TRUST_PROXY: 'perhaps', QUEUE_PREFIX: 'a:b', LOG_LEVEL: 'loud', PUBLIC_URL: 'ftp://x.org' }),
    ).toEqual([
      'PORT: must be a whole number from 0 to 65535',
      'APP_ROLE: must be one of api, worker, all',
      'QUEUE_PREFIX: must be letters, digits, - or _',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'PUBLIC_URL: must start with http:// or https://',
      'TRUST_PROXY: must be true or false',
    ]);
  });
});

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}
