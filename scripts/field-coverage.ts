// `npm run coverage:fields`: writes docs/field-coverage.md from the field-coverage declarations beside the
// mappers (issue #17). libs/translation/test/field-coverage.spec.ts imports fieldCoverageMarkdown from here and
// fails when the file differs, so what the spec compares is exactly what this script writes.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { ROSTER_COVERAGE_TABLES } from '../apps/gateway/src/sync/rosters/roster.coverage.js';
import {
  FEISHU_COVERAGE_TABLES,
  FIELD_COVERAGE_DOC_PATH,
  PUNCH_COVERAGE_TABLES,
  renderFieldCoverage,
  WECOM_COVERAGE_TABLES,
  type CoverageTable,
} from '../libs/translation/src/field-coverage/index.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every coverage table, in the order of the doc: Feishu's models first, then WeCom's, as the vendor docs group them. */
export function fieldCoverageTables(): readonly CoverageTable[] {
  const byId = new Map(
    [...FEISHU_COVERAGE_TABLES, ...WECOM_COVERAGE_TABLES, ...PUNCH_COVERAGE_TABLES, ...ROSTER_COVERAGE_TABLES].map(
      (table) => [table.id, table] as const,
    ),
  );
  const order = [
    'feishu-group-read',
    'feishu-group-write',
    'feishu-shift-read',
    'feishu-shift-write',
    'feishu-flow-read',
    'feishu-flow-write',
    'feishu-roster-read',
    'feishu-roster-write',
    'wecom-rule-read',
    'wecom-rule-write',
    'wecom-checkin-data-read',
    'wecom-checkin-record-write',
    'wecom-roster-read',
    'wecom-roster-write',
  ];
  const ordered = order.map((id) => byId.get(id)).filter((table): table is CoverageTable => table !== undefined);
  // A table not in the list still appears (at the end) rather than silently missing from the doc.
  const rest = [...byId.values()].filter((table) => !order.includes(table.id));
  return [...ordered, ...rest];
}

export const FIELD_COVERAGE_DOC_FILE = join(REPO_ROOT, FIELD_COVERAGE_DOC_PATH);

/** The doc as the repository keeps it: rendered, then in the project's Prettier style (`npm run format:check`). */
export async function fieldCoverageMarkdown(): Promise<string> {
  const options = (await resolveConfig(FIELD_COVERAGE_DOC_FILE)) ?? {};
  return format(renderFieldCoverage(fieldCoverageTables()), { ...options, filepath: FIELD_COVERAGE_DOC_FILE });
}

async function main(): Promise<void> {
  await mkdir(dirname(FIELD_COVERAGE_DOC_FILE), { recursive: true });
  await writeFile(FIELD_COVERAGE_DOC_FILE, await fieldCoverageMarkdown());
  process.stdout.write(`wrote ${FIELD_COVERAGE_DOC_PATH}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
