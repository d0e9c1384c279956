import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';

/**
 * docker-compose.yml and the Dockerfile cannot be run here (no Docker), so they are kept
 * correct by reading: the compose file against the official Compose Specification schema
 * (shipped by the `dclint` package), plus the properties the service relies on.
 */

const ROOT = join(__dirname, '..');
const composeText = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const dockerfileText = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

type Service = {
  image?: string;
  build?: unknown;
  command?: string | string[];
  ports?: unknown[];
  profiles?: string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: unknown[];
};
type ComposeFile = { services: Record<string, Service>; volumes?: Record<string, unknown> };

/** YAML → object, with merge keys (`<<: *anchor`) as Compose reads them. */
function load(text: string): ComposeFile {
  return parse(text, { merge: true }) as ComposeFile;
}

/**
 * Compose's variable interpolation, enough for this file: `$$`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`. Throws like `docker compose` does when a
 * required variable is missing.
 */
function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (whole, name?: string, colon?: string, op?: string, arg?: string) => {
    if (whole === '$$') return '$';
    const value = env[name!];
    const missing = value === undefined || (colon === ':' && value === '');
    if (op === '-') return missing ? arg! : value;
    if (op === '?') {
      if (missing) throw new Error(`required variable ${name} is missing a value: ${arg}`);
      return value;
    }
    return value ?? '';
  });
}

/** Strips comments first: Compose does not interpolate inside YAML comments. */
function loadInterpolated(env: Record<string, string | undefined>): ComposeFile {
  const withoutComments = composeText
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n');
  return load(interpolate(withoutComments, env));
}

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function commandOf(service: Service): string[] {
  const command = service.command ?? [];
  return Array.isArray(command) ? command : command.split(/\s+/);
}

/** The Compose Specification JSON schema (draft-07), as shipped by `dclint`. */
function loadComposeSchema(): { $schema: string } & Record<string, unknown> {
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('dclint/package.json'));
  } catch {
    throw new Error('the Compose Specification schema comes from the dclint devDependency: npm install --save-dev --save-exact dclint@3.1.0');
  }
  return JSON.parse(readFileSync(join(pkgDir, 'schemas', 'compose.schema.json'), 'utf8'));
}

/** Dockerfile instructions, with `\` continuations joined and comments dropped. */
function dockerfileInstructions(text: string): { keyword: string; args: string }[] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  return lines
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

const ENV = { ADMIN_TOKEN: 'test-admin-token' };

describe('docker-compose.yml', () => {
  const compose = loadInterpolated(ENV);
  const services = compose.services;

  it('is valid against the Compose Specification schema, before and after interpolation', () => {
    const schema = loadComposeSchema();
    expect(schema.$schema).toMatch(/json-schema\.org\/draft-07\/schema/);
    // Ajv's default export is draft-07; the schema names the meta-schema by its https URL,
    // which Ajv knows only as http://…#, so register it under that name too.
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
    if (!ajv.getSchema(schema.$schema)) ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
    const validate = ajv.compile(schema);

    for (const doc of [load(composeText), compose]) {
      const valid = validate(doc);
      expect(valid ? [] : validate.errors).toEqual([]);
    }
    // The check has teeth: a misspelt key is rejected.
    expect(validate({ services: { x: { image: 'x', helthcheck: {} } } })).toBe(false);
  });

  it('refuses to start without ADMIN_TOKEN, and uses the development password by default', () => {
    expect(() => loadInterpolated({})).toThrow(/ADMIN_TOKEN/);
    expect(environmentOf(services.postgres).POSTGRES_PASSWORD).toBe('claimtrack');
    const custom = loadInterpolated({ ...ENV, POSTGRES_PASSWORD: 's3cret' });
    expect(environmentOf(custom.services.postgres).POSTGRES_PASSWORD).toBe('s3cret');
    expect(new URL(environmentOf(custom.services.claimtrack).DATABASE_URL).password).toBe('s3cret');
  });

  it('runs postgres and redis 7 with named volumes', () => {
    expect(services.postgres.image).toMatch(/^postgres:1[5-7](\b|$)/);
    expect(services.postgres.volumes).toEqual(expect.arrayContaining([expect.stringMatching(/^\w+:\/var\/lib\/postgresql\/data$/)]));
    expect(environmentOf(services.postgres)).not.toHaveProperty('POSTGRES_HOST_AUTH_METHOD');
    expect(services.redis.image).toMatch(/^redis:7(\b|$)/);
    expect(services.redis.volumes).toEqual(expect.arrayContaining([expect.stringMatching(/^\w+:\/data$/)]));
    for (const volume of [...services.postgres.volumes!, ...services.redis.volumes!]) {
      expect(Object.keys(compose.volumes ?? {})).toContain(String(volume).split(':')[0]);
    }
  });

  it('runs redis with maxmemory-policy noeviction and appendonly yes (BullMQ)', () => {
    const args = commandOf(services.redis);
    expect(args[0]).toBe('redis-server');
    const option = (name: string) => args[args.indexOf(name) + 1];
    expect(args).toContain('--maxmemory-policy');
    expect(option('--maxmemory-policy')).toBe('noeviction');
    expect(args).toContain('--appendonly');
    expect(option('--appendonly')).toBe('yes');
  });

  it('gives every service a healthcheck', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, test: service.healthcheck?.test, disable: service.healthcheck?.disable }).toEqual({ name, test: expect.anything(), disable: undefined });
    }
    expect(services.postgres.healthcheck!.test).toEqual(expect.arrayContaining(['pg_isready', '-U', 'postgres']));
    expect(services.redis.healthcheck!.test).toEqual(expect.arrayContaining(['redis-cli', 'ping']));
  });

  it('starts claimtrack (APP_ROLE all) from the Dockerfile after postgres and redis are healthy', () => {
    const app = services.claimtrack;
    expect(app.build).toBe('.');
    expect(app.profiles).toBeUndefined();
    expect(app.ports).toContain('3000:3000');
    expect(app.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(JSON.stringify(app.healthcheck!.test)).toContain('http://127.0.0.1:3000/health');
    expect(app).toHaveProperty('restart', 'unless-stopped');
  });

  it('points DATABASE_URL at the postgres service and REDIS_URL at the redis service', () => {
    for (const name of ['claimtrack', 'api', 'worker']) {
      const env = environmentOf(services[name]);
      const db = new URL(env.DATABASE_URL);
      expect([name, db.protocol, db.hostname, db.port || '5432', db.pathname]).toEqual([name, 'postgres:', 'postgres', '5432', '/claimtrack']);
      expect(decodeURIComponent(db.password)).toBe(environmentOf(services.postgres).POSTGRES_PASSWORD);
      const redis = new URL(env.REDIS_URL);
      expect([name, redis.protocol, redis.hostname, redis.port || '6379']).toEqual([name, 'redis:', 'redis', '6379']);
      expect(env.ADMIN_TOKEN).toBe(ENV.ADMIN_TOKEN);
    }
    expect(environmentOf(services.claimtrack).APP_ROLE).toBe('all');
  });

  it('shows scale-out under the "split" profile: an api, and workers without ports', () => {
    const { api, worker } = services;
    for (const service of [api, worker]) {
      expect(service.profiles).toEqual(['split']);
      expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    }
    expect(environmentOf(api).APP_ROLE).toBe('api');
    expect(environmentOf(worker).APP_ROLE).toBe('worker');
    expect(worker.ports).toBeUndefined();
    // The worker's healthcheck hits port 3000, where METRICS_PORT serves /health.
    expect(environmentOf(worker).METRICS_PORT).toBe('3000');
    // Published host ports never clash.
    const published = Object.values(services).flatMap((s) => (s.ports ?? []).map((p) => String(p).split(':')[0]));
    expect(new Set(published).size).toBe(published.length);
  });

  it("gives each app its own PUBLIC_URL at the host port its desk is published on, the worker the API's", () => {
    const hostPort = (name: string) => String(services[name].ports![0]).split(':')[0];
    expect(environmentOf(services.claimtrack).PUBLIC_URL).toBe(`http://localhost:${hostPort('claimtrack')}`);
    expect(environmentOf(services.api).PUBLIC_URL).toBe(`http://localhost:${hostPort('api')}`);
    expect(environmentOf(services.worker).PUBLIC_URL).toBe(environmentOf(services.api).PUBLIC_URL);
  });
});

describe('Dockerfile', () => {
  const instructions = dockerfileInstructions(dockerfileText);
  const stages = instructions.filter((i) => i.keyword === 'FROM');
  const lastStageStart = instructions.lastIndexOf(stages[stages.length - 1]);
  const runtime = instructions.slice(lastStageStart);

  it('builds in one stage and runs from another, both on the current Node LTS (24), which package.json allows', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.args).toMatch(/^node:24[.-]/);
    // The code keeps running on Node 20 too (these machines and CI have it): engines says so.
    expect(JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).engines.node).toBe('>=20.19');
    const build = instructions.slice(0, lastStageStart);
    expect(build.some((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args) && !/--omit=dev/.test(i.args))).toBe(true);
    expect(build.some((i) => i.keyword === 'RUN' && /\bnpm run build\b/.test(i.args))).toBe(true);
    for (const file of ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'src', 'migrations']) {
      expect([
        file,
        build.some(
          (i) =>
            i.keyword === 'COPY' &&
            i.args
              .split(/\s+/)
              .slice(0, -1)
              .some((a) => a.replace(/\/$/, '') === file),
        ),
      ]).toEqual([file, true]);
    }
  });

  it('installs only production dependencies at runtime and copies dist/ whole', () => {
    expect(runtime.some((i) => i.keyword === 'RUN' && /\bnpm ci\b.*--omit=dev/.test(i.args))).toBe(true);
    expect(runtime.some((i) => i.keyword === 'COPY' && /^--from=\S+\s+\S*\/dist\/?\s+\S*dist\/?$/.test(i.args))).toBe(true);
  });

  it('runs node dist/src/main.js as a non-root user, with port 3000 and a healthcheck', () => {
    const users = runtime.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].args.split(':')[0];
    expect(['root', '0', '']).not.toContain(user);

    const cmd = runtime.filter((i) => i.keyword === 'CMD').pop();
    expect(JSON.parse(cmd!.args)).toEqual(['node', 'dist/src/main.js']);
    expect(runtime.some((i) => i.keyword === 'ENTRYPOINT')).toBe(false);
    expect(runtime.some((i) => i.keyword === 'EXPOSE' && /\b3000\b/.test(i.args))).toBe(true);
    const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK');
    expect(healthcheck?.args).toContain('http://127.0.0.1:3000/health');
  });

  it('builds main.js and the migrations where the runtime image expects them', () => {
    const nestCli = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8'));
    expect(nestCli.entryFile).toBe('src/main');
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions).toMatchObject({ outDir: './dist', rootDir: '.' });
    const buildConfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8'));
    expect(buildConfig.include).toEqual(expect.arrayContaining(['src/**/*.ts', 'migrations/**/*.ts']));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    // The service first (nest build empties dist/), then the desk into dist/desk.
    expect(pkg.scripts.build).toMatch(/^nest build && vite build --config web\/vite\.config\.mts\b/);
    // What dist/src/main.js needs at runtime must not be a devDependency.
    for (const name of ['@nestjs/core', '@nestjs/platform-fastify', 'typeorm', 'pg', 'bullmq', 'ioredis', '@fastify/static', '@fastify/helmet']) {
      expect([name, pkg.dependencies[name] !== undefined]).toEqual([name, true]);
    }
  });

  it('keeps secrets and build output out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.git', '.env', 'coverage', 'test']) expect(ignored).toContain(entry);
    for (const needed of ['src', 'migrations', 'web', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json']) {
      expect(ignored).not.toContain(needed);
    }
  });
});
