import Router from 'find-my-way';
import type { FastifyInstance } from 'fastify';

/**
 * Knows every registered route, so that a request for a known path with the wrong method is
 * answered `405 METHOD_NOT_ALLOWED` with an `Allow` header instead of a plain 404.
 * Fastify's own router only answers "no such route".
 */
export class RouteTable {
  private readonly router = Router();
  private readonly methods = new Set<string>();

  /** Must be attached before routes are registered. */
  attach(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === 'HEAD') continue;
        this.methods.add(method);
        try {
          this.router.on(method as Router.HTTPMethod, route.url, () => undefined);
        } catch {
          // A duplicate registration (Nest and a plugin both mapping a path) is harmless here.
        }
      }
    });
  }

  /** Methods that would have matched this URL; empty when the path itself is unknown. */
  allowedMethods(method: string, url: string): string[] {
    const path = url.split('?')[0];
    return [...this.methods].filter((m) => m !== method && this.router.find(m as Router.HTTPMethod, path) !== null).sort();
  }
}
