import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  at: number;
}

/**
 * A webhook receiver on loopback. `answers` are the statuses of the next requests, in order
 * (then 200); `slowMs` delays every answer.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answers: number[] = [];
  /** Wait this long before answering (a slow receiver). */
  delayMs = 0;
  private server!: Server;

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {
          // kept as text
        }
        this.received.push({ headers: request.headers, body, json, at: Date.now() });
        const status = this.answers.shift() ?? 200;
        setTimeout(() => {
          response.statusCode = status;
          response.end('ok');
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/claimtrack`;
  }

  ofType(type: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.json?.type === type);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Verifies a Standard Webhooks signature exactly as a receiver would. */
export function verifySignature(secret: string, received: ReceivedWebhook, toleranceSeconds = 300): boolean {
  const id = String(received.headers['webhook-id']);
  const timestamp = Number(received.headers['webhook-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
    .update(`${id}.${timestamp}.${received.body}`)
    .digest();
  return String(received.headers['webhook-signature'])
    .split(' ')
    .some((part) => {
      const [version, signature] = part.split(',');
      const given = Buffer.from(signature ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it is sent. */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  readonly errors: Error[] = [];
  private server!: SMTPServer;
  port = 0;

  /** `acceptAfterMs`: how long it takes to accept each message once received (a slow mail server). */
  constructor(private readonly acceptAfterMs = 0) {}

  /** `port`: 0 for any free one, or a port an earlier sink had (a mail server back after an outage). */
  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          this.mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
          if (this.acceptAfterMs > 0) setTimeout(callback, this.acceptAfterMs);
          else callback();
        });
      },
    });
    // A sender killed mid-connection (the fault tests kill workers) resets its socket: that is
    // the sender's fault, not the sink's. Anything else is kept for the test to see.
    this.server.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') this.errors.push(error);
    });
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
