// Stops the embedded PostgreSQL server test/global-setup.js started (and removes its temporary directory).
export default async function globalTeardown() {
  await globalThis.__EMBEDDED_TEST_SERVER__?.close();
}
