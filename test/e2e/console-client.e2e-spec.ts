import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

// The HR console's typed API client (apps/console/src/api/openapi.json and schema.d.ts) is generated from the
// gateway's OpenAPI document by `npm run build` (scripts/console-build.ts) and committed. A route or shape
// changed without regenerating it leaves the console coding against an API the gateway no longer serves: this
// fails then, by running the build script's own check (which writes nothing) against a fresh gateway build.

const TSX_CLI = 'node_modules/tsx/dist/cli.mjs';

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: 170_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

describe("the console's generated API client", () => {
  it('is what scripts/console-build.ts generates from the current gateway (else: npm run build, and commit)', async () => {
    // dist/ is what the document is read from (the Swagger decorators need tsc's design-time types): build it
    // first if the sources are newer, as `npm test`'s global setup does.
    const built = await run(['scripts/ensure-build.js']);
    expect(built).toMatchObject({ code: 0 });
    expect(existsSync(TSX_CLI)).toBe(true);
    const checked = await run([TSX_CLI, 'scripts/console-build.ts', '--check']);
    expect(checked.output).not.toMatch(/differ/);
    expect(checked).toEqual({ code: 0, output: '' });
  }, 180_000);
});
