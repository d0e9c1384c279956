import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../common/http/app-error';
import { sendProblem } from '../common/http/problem-details.filter';

export const DASHBOARD_PATH = '/admin/queues';

/** Decides whether an Authorization header belongs to the instance admin. */
export type AdminCheck = (token: string) => Promise<boolean>;

/**
 * The queue dashboard (bull-board) at /admin/queues, for the instance admin only. A browser
 * cannot send a bearer header, so HTTP Basic with the token as password works too.
 */
export async function mountQueueDashboard(fastify: FastifyInstance, queues: Queue[], isAdmin: AdminCheck): Promise<void> {
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter, options: { uiConfig: { boardTitle: 'claimtrack queues' } } });
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = tokenOf(request.headers.authorization);
      if (token && (await isAdmin(token))) return;
      const refusal = new AppError(
        'UNAUTHENTICATED',
        'The queue dashboard is for the instance admin (ADMIN_TOKEN, as Bearer or as the Basic password)',
        {},
        { 'www-authenticate': 'Basic realm="claimtrack queues", charset="UTF-8"' },
      );
      sendProblem(reply, refusal, request.id);
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
}

function tokenOf(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return value ?? null;
  if (/^basic$/i.test(scheme) && value) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1) || null;
  }
  return null;
}
