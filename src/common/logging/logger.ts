import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/** One pino logger per process: Fastify's request logs and Nest's own lines share it. */
export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}

/** Lets Nest's `Logger` write through pino (structured objects stay structured). */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]): void {
    // Nest passes the context (a class name) last; for errors, a stack trace may precede it.
    const context = typeof rest[rest.length - 1] === 'string' ? rest.pop() : undefined;
    const logger = context ? this.root.child({ context }) : this.root;
    if (message !== null && typeof message === 'object') {
      const text = typeof rest[0] === 'string' ? rest[0] : undefined;
      logger[level](message, text);
    } else {
      const trace = typeof rest[0] === 'string' ? { stack: rest[0] } : undefined;
      if (trace) logger[level](trace, String(message));
      else logger[level](String(message));
    }
  }
}
