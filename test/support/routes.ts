import { METHODS } from 'node:http';
import type { INestApplication } from '@nestjs/common';

/** One route the running app's Express router holds, e.g. `{method: 'GET', path: '/api/v1/runs/:runId'}`. */
export interface RegisteredRoute {
  readonly method: string;
  readonly path: string;
}

interface ExpressLayer {
  readonly route?: { readonly path: string | string[]; readonly methods: Readonly<Record<string, boolean>> };
}

const ALL_METHODS = METHODS.map((method) => method.toLowerCase());

/**
 * Every route the application really serves, read from the Express router of the running app (Nest
 * registers one route per handler method), so a test that walks them cannot miss a controller someone adds.
 * Left out: layers answering every HTTP method (middleware mounts such as the bearer check registered for
 * RequestMethod.ALL) and wildcard paths (the framework's catch-alls and static asset mounts) — neither is
 * an operation a client calls. Sorted and without duplicates.
 */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack?: ExpressLayer[] } };
  const stack = express.router?.stack;
  if (!stack) throw new Error('not an Express application: no router stack to read the routes from');
  const seen = new Map<string, RegisteredRoute>();
  for (const layer of stack) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods).filter((method) => layer.route?.methods[method]);
    if (ALL_METHODS.every((method) => methods.includes(method))) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const raw of paths) {
      if (raw.includes('*')) continue;
      const path = raw.length > 1 ? raw.replace(/\/$/, '') : raw;
      for (const method of methods) {
        const route = { method: method.toUpperCase(), path };
        seen.set(`${route.method} ${route.path}`, route);
      }
    }
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** `/api/v1/runs/:runId` with each `:param` replaced by `value(param)`, URL-encoded. */
export function concretePath(path: string, value: (param: string) => string): string {
  return path.replace(/:(\w+)/g, (_match, param: string) => encodeURIComponent(value(param)));
}

/** "GET /api/v1/runs/:runId". */
export function routeKey(route: RegisteredRoute): string {
  return `${route.method} ${route.path}`;
}
