import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { GATEWAY_NODE_FLAGS } from '../support/gateway-process.js';

// No Docker engine here: the Dockerfile is checked by reading it against what the project really builds
// (nest-cli.json + the gateway's tsconfig), what the production code really imports, and .dockerignore.

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

interface Stage {
  readonly base: string;
  readonly name: string | null;
  readonly instructions: readonly Instruction[];
}

/** Instructions with continuation lines joined and comments dropped, grouped by FROM. */
function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: { base: string; name: string | null; instructions: Instruction[] }[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const match = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      stages.push({ base: match?.[1] ?? args, name: match?.[2] ?? null, instructions: [] });
    } else {
      if (!stages.length) throw new Error(`instruction before FROM: ${line}`);
      stages.at(-1)!.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const dockerfile = readFileSync('Dockerfile', 'utf8');
const stages = parseDockerfile(dockerfile);
const build = stages.find((stage) => stage.name === 'build');
const runtime = stages.at(-1)!;
const runs = (stage: Stage | undefined) =>
  (stage?.instructions ?? []).filter((entry) => entry.keyword === 'RUN').map((entry) => entry.args);
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  type: string;
  engines: { node: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Where `npm run build` (nest build gateway) writes the gateway's entry point, by TypeScript's own rules. */
function builtEntryPoint(): string {
  const nest = JSON.parse(readFileSync('nest-cli.json', 'utf8')) as {
    compilerOptions: { builder: string };
    projects: { gateway: { entryFile: string; compilerOptions: { tsConfigPath: string } } };
  };
  // The gateway first; then the console's build (scripts/console-build.ts), which writes only dist/console.
  expect(packageJson.scripts['build']).toMatch(/^nest build gateway(?: && |$)/);
  expect(nest.compilerOptions.builder).toBe('tsc');
  const gateway = nest.projects.gateway;
  const config = ts.getParsedCommandLineOfConfigFile(resolve(gateway.compilerOptions.tsConfigPath), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  })!;
  const source = resolve(`${gateway.entryFile}.ts`);
  expect(config.fileNames).toContain(source);
  const outputs = ts.getOutputFileNames(config, source, false).filter((file) => file.endsWith('.js'));
  expect(outputs).toHaveLength(1);
  return relative(process.cwd(), outputs[0]!);
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' || entry === 'test' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry) && !/\.(spec|e2e-spec)\.ts$/.test(entry) ? [path] : [];
  });
}

/** Package names the production code imports (the gateway, every library, the migrations). */
function importedPackages(): Map<string, string> {
  const found = new Map<string, string>();
  const files = ['apps/gateway/src', 'libs', 'migrations'].flatMap(sourceFiles);
  for (const file of files) {
    // TypeScript's own scanner: static imports, re-exports and dynamic import() calls.
    for (const { fileName: specifier } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (specifier.startsWith('.') || specifier.startsWith('@app/') || specifier.startsWith('node:')) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      if (builtinModules.includes(name)) continue;
      if (!found.has(name)) found.set(name, file);
    }
  }
  return found;
}

describe('Dockerfile', () => {
  it('is multi-stage: a build stage, and a node slim runtime stage that package.json engines allow, non-root', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build).toBeDefined();
    expect(runtime).not.toBe(build);
    const major = /^node:(\d+)(\.\d+)*-slim$/.exec(runtime.base)?.[1];
    const minimum = /^>=(\d+)/.exec(packageJson.engines.node)?.[1];
    expect(Number(major)).toBeGreaterThanOrEqual(Number(minimum));
    expect(Number(minimum)).toBeGreaterThanOrEqual(22);
    expect(build?.base).toBe(runtime.base);
    const users = runtime.instructions.filter((entry) => entry.keyword === 'USER').map((entry) => entry.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    // The user is set before the command it runs.
    const keywords = runtime.instructions.map((entry) => entry.keyword);
    expect(keywords.lastIndexOf('USER')).toBeLessThan(keywords.lastIndexOf('CMD'));
  });

  it('compiles in the build stage with npm ci and npm run build, from everything the build reads', () => {
    const commands = runs(build).join(' && ');
    expect(commands).toMatch(/\bnpm ci\b/);
    expect(commands).toMatch(/\bnpm run build\b/);
    expect(commands.indexOf('npm ci')).toBeLessThan(commands.indexOf('npm run build'));
    const copied = (build?.instructions ?? [])
      .filter((entry) => entry.keyword === 'COPY')
      .flatMap((entry) => entry.args.split(/\s+/).slice(0, -1));
    // The config files of the build, and every top-level directory the gateway's tsconfig paths point into.
    const tsconfig = JSON.parse(readFileSync('tsconfig.json', 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    const roots = new Set(
      Object.values(tsconfig.compilerOptions.paths).map((targets) => targets[0]!.replace(/^\.\//, '').split('/')[0]!),
    );
    // And the scripts `npm run build` runs after nest build (`tsx scripts/…`).
    const buildScripts = [...packageJson.scripts['build']!.matchAll(/\btsx (scripts\/\S+)/g)].map((match) => match[1]!);
    expect(buildScripts).toContain('scripts/console-build.ts');
    const needs = ['package.json', 'package-lock.json', 'nest-cli.json', 'tsconfig.json', 'apps', ...roots];
    for (const needed of [...needs, ...buildScripts]) {
      expect({
        needed,
        copied: copied.some((source) => source.replace(/^\.\//, '').replace(/\/$/, '') === needed),
      }).toEqual({ needed, copied: true });
    }
  });

  it('installs production dependencies only in the runtime stage and takes only dist/ from the build', () => {
    const commands = runs(runtime).join(' && ');
    expect(commands).toMatch(/\bnpm ci\b[^&]*--omit=dev/);
    const fromBuild = runtime.instructions
      .filter((entry) => entry.keyword === 'COPY' && /--from=build\b/.test(entry.args))
      .map((entry) => entry.args.replace(/--\S+\s+/g, '').split(/\s+/)[0]);
    expect(fromBuild).toEqual(['/app/dist']);
    // The compiled code is ESM: package.json ("type": "module") must be there at run time.
    expect(packageJson.type).toBe('module');
    expect(runtime.instructions.some((entry) => entry.keyword === 'COPY' && /\bpackage\.json\b/.test(entry.args))).toBe(
      true,
    );
  });

  it('runs the entry point npm run build produces, exposes 3000 and health-checks /health', async () => {
    const entry = builtEntryPoint();
    expect(entry).toBe('dist/apps/gateway/src/main.js');
    expect(packageJson.scripts['start']).toContain(`node ${GATEWAY_NODE_FLAGS.join(' ')} ${entry}`);
    // The image runs the gateway with the same V8 flags as npm start and the tests' gateway processes.
    const env = runtime.instructions.filter((instruction) => instruction.keyword === 'ENV').map((entry) => entry.args);
    expect(env.join(' ')).toContain(`NODE_OPTIONS=${GATEWAY_NODE_FLAGS.join(' ')}`);
    const cmd = runtime.instructions.filter((instruction) => instruction.keyword === 'CMD').at(-1)!;
    expect(JSON.parse(cmd.args)).toEqual(['node', entry]);
    expect(runtime.instructions.find((instruction) => instruction.keyword === 'EXPOSE')?.args).toBe('3000');
    const healthcheck = runtime.instructions.find((instruction) => instruction.keyword === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toContain('/health');

    // The probe is a node one-liner (slim images have no curl): exit 0 on a 200 from /health, 1 otherwise.
    const [binary, flag, script] = JSON.parse(healthcheck.slice(healthcheck.indexOf('CMD') + 3).trim()) as string[];
    expect([binary, flag]).toEqual(['node', '-e']);
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/health' ? 200 : 404;
      res.end('{}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = String((server.address() as AddressInfo).port);
    const probe = () =>
      new Promise<number | null>((done) => {
        const child = spawn(process.execPath, ['-e', script!], {
          env: { ...process.env, PORT: port },
          stdio: 'ignore',
        });
        child.on('exit', (code) => done(code));
      });
    try {
      expect(await probe()).toBe(0);
    } finally {
      await new Promise((done) => server.close(done));
    }
    expect(await probe()).toBe(1);
  });

  it('every package the production code imports is a production dependency (npm ci --omit=dev installs it)', () => {
    const imported = importedPackages();
    expect(imported.has('@nestjs/common')).toBe(true);
    expect(imported.has('@nestjs/swagger')).toBe(true);
    expect(imported.has('prom-client')).toBe(true);
    for (const [name, file] of imported) {
      expect({ name, file, production: name in packageJson.dependencies }).toEqual({ name, file, production: true });
    }
  });

  it('.dockerignore keeps local installs, build output, data, VCS and secrets out of the build context', () => {
    const ignored = readFileSync('.dockerignore', 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const pattern of ['node_modules', 'dist', '.data', '.git', '.env']) expect(ignored).toContain(pattern);
    // Nothing the build stage copies is ignored.
    for (const needed of ['apps', 'libs', 'migrations', 'package.json', 'package-lock.json', 'tsconfig.json']) {
      expect(ignored).not.toContain(needed);
    }
    // scripts/ stays out but for the console's build script, which the build stage runs.
    expect(ignored).not.toContain('scripts');
    expect(ignored.indexOf('!scripts/console-build.ts')).toBeGreaterThan(ignored.indexOf('scripts/*'));
  });

  it('is what docker-compose.yml builds the gateway (and its migrate step) from', () => {
    const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
      services: Record<string, { build?: string | { context: string; dockerfile?: string }; image?: string }>;
    };
    for (const name of ['migrate', 'gateway']) {
      const service = compose.services[name]!;
      const context = typeof service.build === 'string' ? service.build : service.build?.context;
      const file = typeof service.build === 'object' ? (service.build.dockerfile ?? 'Dockerfile') : 'Dockerfile';
      expect({ name, dockerfile: context === undefined ? null : join(context, file) }).toEqual({
        name,
        dockerfile: 'Dockerfile',
      });
    }
    expect(compose.services['gateway']!.image).toBe(compose.services['migrate']!.image);
    expect(dirname(resolve('Dockerfile'))).toBe(process.cwd());
  });
});
