import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative: the message goes out as multipart/alternative with both parts. */
  html?: string;
  /** The Message-ID header (`<…@…>`); nodemailer makes a random one when absent. */
  messageId?: string;
}

/** Sends e-mail through the SMTP server of SMTP_URL (nodemailer, pooled connections). */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private readonly transport: Transporter | null;
  private readonly from: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.from = config.smtpFrom;
    this.transport = config.smtpUrl
      ? createTransport({ url: config.smtpUrl, pool: true, maxConnections: 5, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })
      : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(message: EmailMessage): Promise<void> {
    if (!this.transport) throw new Error('SMTP_URL is not set');
    await this.transport.sendMail({ from: this.from, ...message });
  }

  /** Only after the queue workers have let the sends in flight finish (QueueWorkers.beforeApplicationShutdown). */
  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
