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
    });
  });

  it.each([
    ['APP_ROLE', 'scheduler'],
    ['PORT', 'eighty'],
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

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ APP_ROLE: 'x', PORT: 'y' });
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['APP_ROLE', 'PORT']);
    }
  });
});
