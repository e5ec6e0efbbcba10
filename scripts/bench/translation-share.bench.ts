// Translation and hashing as a share of a rules run: the rules-sync scenario (rules-sync.bench.ts: the real
// engine, clients and store against both emulators at the vendors' published limits) with each of its two runs
// under the V8 sampling profiler. A sample counts as translation when its stack holds a frame of
// libs/translation/src (the mappers, the content hash, the read schemas they call) and none of the emulators;
// translation is synchronous, so its stacks are whole. The share is that time over the run's wall time, which
// the rate limits bind (the first run: WeCom's add_checkin_option, 150,000/h per corp, REFERENCE.md B3; the
// re-run: Feishu's 50/s group reads).
//
// Garbage collection shows as a stack of its own in a profile, so the collections translation causes are not
// counted; the profiler's own cost is, as it slows the code it samples.
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import { rulesSyncScenario } from './rules-sync.bench.js';

export interface TranslationShare {
  readonly scenario: string;
  readonly groups: number;
  readonly wallSeconds: number;
  readonly floorSeconds: number;
  /** Sampled time with a libs/translation frame on the stack. */
  readonly translationSeconds: number;
  /** Sampled time in all, to show the samples cover the run. */
  readonly sampledSeconds: number;
  readonly samples: number;
}

export interface TranslationShareBench {
  readonly shares: readonly TranslationShare[];
  /** One line per run, as the table's rows, for run.ts's notes. */
  readonly notes: readonly string[];
  /** The rules scenario's own checks (every group created, a re-run that writes nothing). */
  readonly checks: readonly { readonly line: string; readonly ok: boolean }[];
}

/** Microseconds between samples: a 500-group run translates for tens of milliseconds, so thousands of samples. */
const SAMPLING_INTERVAL_US = 100;
const TRANSLATION_FRAME = '/libs/translation/src/';
const EMULATOR_FRAME = '/apps/emulators/';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly url: string };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export async function translationShareScenario(groups: number): Promise<TranslationShareBench> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  const profiles = new Map<string, Profile>();
  try {
    const rules = await rulesSyncScenario(groups, {
      around: async (scenario, run) => {
        await session.post('Profiler.start');
        try {
          return await run();
        } finally {
          const { profile } = await session.post('Profiler.stop');
          profiles.set(scenario, profile as Profile);
        }
      },
    });
    const shares = rules.results.map((result) => {
      const profile = profiles.get(result.scenario);
      if (!profile) throw new Error(`no profile of "${result.scenario}"`);
      const { translationUs, sampledUs } = translationTime(profile);
      return {
        scenario: result.scenario,
        groups,
        wallSeconds: result.wallSeconds,
        floorSeconds: result.floorSeconds,
        translationSeconds: translationUs / 1e6,
        sampledSeconds: sampledUs / 1e6,
        samples: profile.samples.length,
      };
    });
    const notes = shares.map(
      (share) =>
        `translation share, ${share.scenario}: ${(share.translationSeconds * 1000).toFixed(1)} ms of ` +
        `${share.wallSeconds.toFixed(2)} s = ${percentOfWall(share)}`,
    );
    const checks = rules.checks.map((check) => ({ ...check, line: `translation share, ${check.line}` }));
    return { shares, notes, checks };
  } finally {
    await session.post('Profiler.disable');
    session.disconnect();
  }
}

/** The sampled time whose stacks run translation code (not under an emulator), and the sampled time in all. */
function translationTime(profile: Profile): { translationUs: number; sampledUs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inTranslation = new Set<number>();
  // Top down from the root: a node is translation when it or a caller is, unless an emulator frame came first.
  const visit = (id: number, state: 'outside' | 'translation' | 'emulator') => {
    const node = byId.get(id);
    if (!node) return;
    const url = node.callFrame.url;
    const own =
      state !== 'outside'
        ? state
        : url.includes(EMULATOR_FRAME)
          ? 'emulator'
          : url.includes(TRANSLATION_FRAME)
            ? 'translation'
            : 'outside';
    if (own === 'translation') inTranslation.add(id);
    for (const child of node.children ?? []) visit(child, own);
  };
  const root = profile.nodes[0];
  if (root) visit(root.id, 'outside');
  // Sample i lasts until sample i + 1 (timeDeltas[i + 1]); the last one's length is unknown and left out.
  let translationUs = 0;
  let sampledUs = 0;
  for (let index = 0; index + 1 < profile.samples.length; index += 1) {
    const duration = profile.timeDeltas[index + 1] ?? 0;
    sampledUs += duration;
    if (inTranslation.has(profile.samples[index] ?? -1)) translationUs += duration;
  }
  return { translationUs, sampledUs };
}

function percentOfWall(share: TranslationShare): string {
  return `${((share.translationSeconds / share.wallSeconds) * 100).toFixed(2)} %`;
}

export function printTranslationShare(shares: readonly TranslationShare[]): void {
  const header = ['run', 'wall s', 'floor s', 'translation ms', 'µs per group', 'share of wall', 'sampled s'];
  const rows = shares.map((share) => [
    share.scenario,
    share.wallSeconds.toFixed(2),
    share.floorSeconds.toFixed(2),
    (share.translationSeconds * 1000).toFixed(1),
    ((share.translationSeconds * 1e6) / share.groups).toFixed(0),
    percentOfWall(share),
    `${share.sampledSeconds.toFixed(2)} (${share.samples} samples)`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const format = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  process.stdout.write(`${format(header)}\n${format(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${format(row)}\n`);
}

// Run on its own (`npx tsx scripts/bench/translation-share.bench.ts`, BENCH_QUICK=1 for 100 groups) to compare
// two versions of the library without the rest of `npm run bench`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bench = await translationShareScenario(process.env['BENCH_QUICK'] === '1' ? 100 : 500);
  printTranslationShare(bench.shares);
  for (const check of bench.checks) process.stdout.write(`${check.line}\n`);
  if (bench.checks.some((check) => !check.ok)) process.exitCode = 1;
}
