import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Match } from './match-index';
import type { IndexAnswer, IndexedClaim, MatchAnswer, MatchReply, MatchRequest } from './match-thread';

/** What the matching thread found for a text: the text's words (claims.match_words) and its matches. */
export interface Matched {
  words: number[];
  matches: Match[];
}

/** A request that is answered, without its call number (`ask` gives it one). */
type Question = Omit<Extract<MatchRequest, { op: 'match' }>, 'call'> | Omit<Extract<MatchRequest, { op: 'index' }>, 'call'>;

interface Waiting {
  resolve: (reply: MatchAnswer | IndexAnswer) => void;
  reject: (error: Error) => void;
}

/** Claims to index that are handed over without a question after them, at most, before they are sent anyway. */
const MAX_UNSENT = 1000;

/**
 * The main thread's side of the matching thread (match-worker.ts): started on first use, asked
 * for matches and told what to index, its answers matched to the questions by call number.
 *
 * Waking the thread is what costs: the profile showed each postMessage taking the main thread off
 * its core about as long as matching itself took. So requests are sent together, one message per
 * turn of the event loop (the questions of every request that turn), and what needs no answer
 * (claims to index, a workspace to drop) goes with the next question: only questions read the
 * indexes, and the thread handles a message's requests in order.
 *
 * When the thread dies (a bug, memory), whoever waits gets an error, `lost` is called (the
 * indexes went with it: SimilarClaims builds them again from PostgreSQL on the next request),
 * and the next call starts a new thread.
 */
export class Matcher {
  private worker: Worker | null = null;
  /** Requests not sent yet, in order; `sending` when a question among them has a send scheduled. */
  private unsent: MatchRequest[] = [];
  private sending = false;
  private readonly waiting = new Map<number, Waiting>();
  private calls = 0;
  private closed = false;

  constructor(private readonly lost: (error: Error) => void) {}

  /** The claims of the workspace matching `text`, best first, `except` left out, at most `limit`; and the text's words. */
  async match(workspaceId: string, text: string, except: string, limit: number): Promise<Matched & { size: number }> {
    const { words, matches, size } = (await this.ask({ op: 'match', workspaceId, text, except, limit })) as MatchAnswer;
    return { words, matches, size };
  }

  /** Indexes the claims; answers how many the workspace's index then holds. */
  async index(workspaceId: string, claims: IndexedClaim[]): Promise<number> {
    return (await this.ask({ op: 'index', workspaceId, claims })).size;
  }

  /** Indexes one claim, without waiting: whatever is asked after it is answered with it in the index. */
  add(workspaceId: string, claim: IndexedClaim): void {
    this.post({ op: 'index', workspaceId, claims: [claim] }, this.unsent.length >= MAX_UNSENT);
  }

  drop(workspaceId: string): void {
    this.post({ op: 'drop', workspaceId }, false);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsent = [];
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private ask(request: Question): Promise<MatchAnswer | IndexAnswer> {
    const call = ++this.calls;
    return new Promise((resolve, reject) => {
      this.waiting.set(call, { resolve, reject });
      this.post({ ...request, call }, true);
    });
  }

  /** Queues the request; `send` schedules the message that takes it and everything queued before it. */
  private post(request: MatchRequest, send: boolean): void {
    if (this.closed) throw new Error('The matching thread has been stopped');
    this.unsent.push(request);
    if (send && !this.sending) {
      this.sending = true;
      setImmediate(() => this.send());
    }
  }

  private send(): void {
    this.sending = false;
    if (this.closed || this.unsent.length === 0) return;
    const requests = this.unsent;
    this.unsent = [];
    (this.worker ??= this.start()).postMessage(requests);
  }

  private start(): Worker {
    // Built, the thread runs match-worker.js; from the TypeScript sources (the tests), swc compiles it as it loads.
    const fromSources = extname(__filename) === '.ts';
    const worker = new Worker(join(__dirname, `match-worker${extname(__filename)}`), {
      execArgv: fromSources ? [...process.execArgv, '--require', '@swc-node/register'] : undefined,
      name: 'claimtrack-matching',
    });
    worker.unref(); // an API host stops when its server does, whatever the thread is doing
    worker.on('message', (replies: MatchReply[]) => replies.forEach((reply) => this.answer(reply)));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`The matching thread stopped (exit code ${code})`)));
    return worker;
  }

  private answer(reply: MatchReply): void {
    const waiting = this.waiting.get(reply.call);
    if (!waiting) return;
    this.waiting.delete(reply.call);
    if ('error' in reply) waiting.reject(new Error(`Matching failed: ${reply.error}`));
    else waiting.resolve(reply);
  }

  /** The thread is gone: an error, then its exit (the second changes nothing), or close(). */
  private fail(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = null;
    else if (!this.closed) return;
    this.unsent = []; // its questions are among those failed below; what it was told is read again from PostgreSQL
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const { reject } of waiting) reject(error);
    if (!this.closed) this.lost(error);
  }
}
