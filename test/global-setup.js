// Builds the gateway once per test run: the process-level tests start the real dist/ entry point.
import { execFileSync } from 'node:child_process';

export default function globalSetup() {
  execFileSync(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build', 'gateway'], { stdio: 'inherit' });
}
