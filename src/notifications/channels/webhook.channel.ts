import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { signWebhook } from './signature';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export type SendOutcome = { ok: true; status: number } | { ok: false; status?: number; error: string; gone?: boolean };

/**
 * POSTs one signed webhook. Redirects are not followed (a 3xx is a failure); the connection
 * is refused when the host resolves to a non-public address, unless WEBHOOK_ALLOW_PRIVATE.
 */
@Injectable()
export class WebhookChannel implements OnApplicationShutdown {
  private readonly httpAgent: RequestFilteringHttpAgent;
  private readonly httpsAgent: RequestFilteringHttpsAgent;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const options = { keepAlive: true, maxSockets: 100, allowPrivateIPAddress: config.webhookAllowPrivate, allowMetaIPAddress: false };
    this.httpAgent = new RequestFilteringHttpAgent(options);
    this.httpsAgent = new RequestFilteringHttpsAgent(options);
  }

  /** Only after the queue workers have let the sends in flight finish (QueueWorkers.beforeApplicationShutdown). */
  onApplicationShutdown(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  send(url: string, secret: string, webhookId: string, body: string): Promise<SendOutcome> {
    const timestamp = Math.floor(Date.now() / 1000);
    const target = new URL(url);
    const https = target.protocol === 'https:';
    return new Promise((resolve) => {
      const request = (https ? httpsRequest : httpRequest)(
        target,
        {
          method: 'POST',
          agent: https ? this.httpsAgent : this.httpAgent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'claimtrack-webhooks/1',
            'webhook-id': webhookId,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signWebhook(secret, webhookId, timestamp, body),
          },
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        },
        (response) => {
          response.resume(); // the body is not needed; drain it so the socket is reused
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve({ ok: true, status });
            else resolve({ ok: false, status, error: `HTTP ${status}`, gone: status === 410 });
          });
          response.on('error', (error) => resolve({ ok: false, status: response.statusCode, error: error.message }));
        },
      );
      request.on('error', (error: Error) =>
        resolve({
          ok: false,
          error: error.name === 'AbortError' || error.name === 'TimeoutError' ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : error.message,
        }),
      );
      request.end(body);
    });
  }
}
