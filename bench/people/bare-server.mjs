// The baseline for the sign-in bench: the least work a password sign-in must do, with no
// framework — find the user by e-mail, verify the argon2id hash with the same binding and
// parameters as the service (they are read from the stored hash), insert a session holding only
// the hash of a new 256-bit value, and answer with the cookie. Started by run.mjs:
//   PORT=… DATABASE_URL=… node bench/people/bare-server.mjs
import { createHash, randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import Fastify from 'fastify';
import pg from 'pg';

const port = Number(process.env.PORT ?? 3832);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20, application_name: 'claimtrack-bench-bare' });
const app = Fastify({ logger: false });

app.post('/v1/auth/login', async (request, reply) => {
  const { email, password } = request.body ?? {};
  if (typeof email !== 'string' || typeof password !== 'string') return reply.code(400).send({ code: 'VALIDATION_FAILED' });
  const { rows } = await pool.query('SELECT id, password_hash FROM users WHERE email = $1 AND active', [email]);
  if (rows.length !== 1 || !(await verify(rows[0].password_hash, password).catch(() => false))) {
    return reply.code(401).send({ code: 'UNAUTHENTICATED' });
  }
  const value = randomBytes(32).toString('base64url');
  await pool.query(`INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '30 days')`, [
    rows[0].id,
    createHash('sha256').update(value).digest(),
  ]);
  reply.header('set-cookie', `claimtrack_session=${value}; Path=/; HttpOnly; SameSite=Lax`);
  return { id: rows[0].id };
});

app.get('/health', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok' };
});

await app.listen({ port, host: '127.0.0.1' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void app.close().then(() => pool.end());
  });
}
