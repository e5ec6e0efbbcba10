import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { DynamicModule } from '@nestjs/common';

/** Where the console is served: its pages are client-side routes under this path. */
export const CONSOLE_PATH = '/console';

/**
 * The built console: dist/console under the project root (the folder holding package.json), found from this
 * file so that it is the same whether the gateway runs compiled (dist/apps/gateway/src/console-static) or from its
 * sources under the test runner (apps/gateway/src/console-static), and whatever the working directory.
 */
export function consoleBuildDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'console');
    if (dirname(dir) === dir) return join(from, 'console');
  }
}

/**
 * The HR console's static files at /console (index.html for every client-side route under it). Static files
 * only: the console talks to the gateway through the same /api/v1 routes and bearer token as any other client.
 */
export function consoleStaticModule(): DynamicModule {
  return ServeStaticModule.forRoot({
    rootPath: consoleBuildDir(),
    serveRoot: CONSOLE_PATH,
    serveStaticOptions: { index: ['index.html'], fallthrough: true },
  });
}
