import type { HttpClient } from './http';

/** A Server-Sent Events reader for tests: every message and comment with its arrival time. */
export interface SseMessage {
  event: string;
  id: string | undefined;
  data: string;
  /** `data` parsed as JSON, when it is. */
  json: any;
  receivedAt: number;
}

export interface SseOptions {
  headers?: Record<string, string>;
  /** Appended to /v1/events. */
  query?: string;
}

export class SseStream {
  readonly messages: SseMessage[] = [];
  readonly comments: Array<{ text: string; receivedAt: number }> = [];
  retry: number | undefined;
  ended = false;
  private buffer = '';
  private done: Promise<void> = Promise.resolve();

  private constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly body: string,
    private readonly controller: AbortController,
  ) {}

  /** Opens GET /v1/events as `client`'s user; a non-200 answer is read whole into `body`. */
  static async open(client: HttpClient, options: SseOptions = {}): Promise<SseStream> {
    const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
    if (client.defaultToken) headers.authorization = `Bearer ${client.defaultToken}`;
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), 10_000);
    const response = await fetch(`${client.baseUrl}/v1/events${options.query ?? ''}`, { headers, signal: controller.signal });
    clearTimeout(timeout);
    if (response.status !== 200 || !response.body) {
      const stream = new SseStream(response.status, response.headers, await response.text(), controller);
      stream.ended = true;
      return stream;
    }
    const stream = new SseStream(response.status, response.headers, '', controller);
    stream.done = stream.read(response.body);
    return stream;
  }

  /**
   * Opens the stream of a host just started: it answers 503 until it has subscribed to Redis, and
   * a client tries again, as the desk does. Any other answer is returned as it is.
   */
  static async openOnHost(client: HttpClient, options: SseOptions = {}, timeoutMs = 10_000): Promise<SseStream> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stream = await SseStream.open(client, options);
      if (stream.status !== 503 || Date.now() > deadline) return stream;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Messages of these types (all but `reset` when none given). */
  of(...types: string[]): SseMessage[] {
    return this.messages.filter((m) => (types.length ? types.includes(m.event) : m.event !== 'reset'));
  }

  /** Waits until `predicate` holds over the messages received so far. */
  async waitFor(predicate: (messages: SseMessage[]) => boolean, { timeoutMs = 5000, what = 'messages' } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; got: ${this.messages.map((m) => `${m.id}:${m.event}`).join(', ') || 'nothing'}`);
      if (this.ended) throw new Error(`the stream ended while waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Resolves when the server ends the stream (rejects after `timeoutMs`). */
  async waitForEnd(timeoutMs = 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.done,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('the stream did not end')), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done.catch(() => undefined);
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    const reader = body.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        this.parse();
      }
    } catch {
      // aborted by close(), or cut by the server
    } finally {
      this.ended = true;
    }
  }

  private parse(): void {
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments.push({ text: line.slice(1).trim(), receivedAt: Date.now() });
          continue;
        }
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        fields[name] = name === 'data' && fields.data !== undefined ? `${fields.data}\n${value}` : value;
      }
      if (fields.retry !== undefined) this.retry = Number(fields.retry);
      if (fields.data === undefined) continue;
      let json: unknown;
      try {
        json = JSON.parse(fields.data);
      } catch {
        json = undefined;
      }
      this.messages.push({ event: fields.event ?? 'message', id: fields.id, data: fields.data, json, receivedAt: Date.now() });
    }
  }
}
