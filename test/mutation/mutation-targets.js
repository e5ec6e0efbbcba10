// The pure core mutation testing covers (issue #22, QUALITY.md): for each target, the files Stryker mutates and
// the spec files that test them. Narrow on purpose: every spec listed runs against every mutant it covers.
export const MUTATION_TARGETS = {
  engine: {
    mutate: ['apps/gateway/src/sync/engine/plan-rule-change.ts', 'apps/gateway/src/sync/engine/sync-error-policy.ts'],
    specs: [
      'apps/gateway/src/sync/engine/plan-rule-change.spec.ts',
      'apps/gateway/src/sync/engine/sync-error-policy.spec.ts',
    ],
  },
  'vendor-http': {
    mutate: [
      'libs/vendor-http/src/rate-limiter.ts',
      'libs/vendor-http/src/retry.ts',
      'libs/vendor-http/src/token-cache.ts',
    ],
    specs: ['libs/vendor-http/src/*.spec.ts'],
  },
  'punch-keys': {
    mutate: ['libs/translation/src/punch/punch-keys.ts'],
    specs: ['libs/translation/src/punch/punch-keys.spec.ts', 'libs/translation/src/punch/punch.mapper.spec.ts'],
  },
  // Part of the translation target with only the WeCom-side specs run against it: it fits a short slot on a busy
  // machine (the whole target's specs take minutes per static mutant). A mutant these specs leave alive may still
  // be killed by another translation spec, so its score is a lower bound of the translation target's.
  'wecom-rule': {
    mutate: ['libs/translation/src/wecom/wecom-rule.util.ts'],
    specs: [
      'libs/translation/src/wecom/wecom-rule.util.spec.ts',
      'libs/translation/src/wecom/canonical-to-wecom.mapper.spec.ts',
      'libs/translation/src/wecom/canonical-to-wecom.boundaries.spec.ts',
      'libs/translation/src/wecom/wecom-to-canonical.mapper.spec.ts',
    ],
  },
  translation: {
    mutate: [
      'libs/translation/src/**/*.ts',
      '!libs/translation/src/**/*.spec.ts',
      '!libs/translation/src/index.ts',
      '!libs/translation/src/punch/punch-keys.ts',
    ],
    specs: ['libs/translation/src/**/*.spec.ts', 'libs/translation/test/*.spec.ts'],
  },
};
