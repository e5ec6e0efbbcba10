// The pure core mutation testing covers (issue #22, QUALITY.md): for each target, the files Stryker mutates and
// the spec files that test them. Narrow on purpose: every spec listed runs against every mutant it covers.
// `tsconfig` (optional) is the project the TypeScript checker type-checks each mutant in: the translation
// library's own files (test/mutation/tsconfig.translation.json) instead of the whole repository's, which the
// checker would recheck for every mutant of a file many others import.
const TRANSLATION_TSCONFIG = 'test/mutation/tsconfig.translation.json';

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
    tsconfig: TRANSLATION_TSCONFIG,
    mutate: ['libs/translation/src/wecom/wecom-rule.util.ts'],
    specs: [
      'libs/translation/src/wecom/wecom-rule.util.spec.ts',
      'libs/translation/src/wecom/canonical-to-wecom.mapper.spec.ts',
      'libs/translation/src/wecom/canonical-to-wecom.boundaries.spec.ts',
      'libs/translation/src/wecom/wecom-to-canonical.mapper.spec.ts',
    ],
  },
  // The translation library, one area per target (QUALITY.md): each area's files against the specs that test
  // that area, so a target fits a slot on a shared machine. A mutant these specs leave alive may still be killed
  // by another translation spec, so each score is a lower bound of the whole target's.
  'translation-canonical': {
    tsconfig: TRANSLATION_TSCONFIG,
    mutate: ['libs/translation/src/canonical/*.ts', '!libs/translation/src/canonical/*.spec.ts'],
    specs: ['libs/translation/src/canonical/*.spec.ts', 'libs/translation/test/canonical.properties.spec.ts'],
  },
  'translation-canonical-to-wecom': {
    tsconfig: TRANSLATION_TSCONFIG,
    mutate: ['libs/translation/src/wecom/canonical-to-wecom.mapper.ts'],
    specs: [
      'libs/translation/src/wecom/canonical-to-wecom.mapper.spec.ts',
      'libs/translation/src/wecom/canonical-to-wecom.boundaries.spec.ts',
      'libs/translation/src/wecom/canonical-to-wecom.sections.spec.ts',
      'libs/translation/src/wecom/canonical-to-wecom.general.spec.ts',
      'libs/translation/src/wecom/canonical-to-wecom.days.spec.ts',
      'libs/translation/src/wecom/canonical-to-wecom.settings.spec.ts',
      'libs/translation/src/wecom/canonical-to-wecom.helpers.spec.ts',
      'libs/translation/src/wecom/wecom-update-merge.spec.ts',
    ],
  },
  'translation-wecom-to-canonical': {
    tsconfig: TRANSLATION_TSCONFIG,
    mutate: ['libs/translation/src/wecom/wecom-to-canonical.mapper.ts'],
    specs: [
      'libs/translation/src/wecom/wecom-to-canonical.mapper.spec.ts',
      'libs/translation/src/wecom/wecom-to-canonical.edges.spec.ts',
      'libs/translation/src/wecom/canonical-to-wecom.mapper.spec.ts',
      'libs/translation/src/wecom/wecom-update-merge.spec.ts',
      'libs/translation/test/translation.properties.spec.ts',
    ],
  },
  'translation-wecom-merge': {
    tsconfig: TRANSLATION_TSCONFIG,
    mutate: ['libs/translation/src/wecom/wecom-update-merge.ts'],
    specs: ['libs/translation/src/wecom/wecom-update-merge.spec.ts'],
  },
  'translation-canonical-to-feishu': {
    tsconfig: TRANSLATION_TSCONFIG,
    mutate: ['libs/translation/src/feishu/canonical-to-feishu.mapper.ts'],
    specs: [
      'libs/translation/src/feishu/canonical-to-feishu.mapper.spec.ts',
      'libs/translation/src/feishu/canonical-to-feishu.shifts.spec.ts',
      'libs/translation/src/feishu/canonical-to-feishu.plan.spec.ts',
      'libs/translation/src/feishu/canonical-to-feishu.group-settings.spec.ts',
      'libs/translation/src/feishu/feishu-plan-key.spec.ts',
      'libs/translation/src/feishu/feishu-properties.spec.ts',
      'libs/translation/test/feishu-translation.properties.spec.ts',
    ],
  },
  'translation-feishu-to-canonical': {
    tsconfig: TRANSLATION_TSCONFIG,
    mutate: ['libs/translation/src/feishu/feishu-to-canonical.mapper.ts'],
    specs: [
      'libs/translation/src/feishu/feishu-to-canonical.mapper.spec.ts',
      'libs/translation/src/feishu/feishu-to-canonical.group.spec.ts',
      'libs/translation/src/feishu/feishu-to-canonical.shifts.spec.ts',
      'libs/translation/src/feishu/feishu-to-canonical.group-settings.spec.ts',
      'libs/translation/src/feishu/feishu-properties.spec.ts',
      'libs/translation/test/feishu-translation.properties.spec.ts',
      'libs/translation/test/translation.properties.spec.ts',
    ],
  },
  'translation-feishu-util': {
    tsconfig: TRANSLATION_TSCONFIG,
    mutate: [
      'libs/translation/src/feishu/feishu-mapping.util.ts',
      'libs/translation/src/feishu/feishu-read-back.helper.ts',
      'libs/translation/src/feishu/gcj02.util.ts',
    ],
    specs: [
      'libs/translation/src/feishu/feishu-mapping.util.spec.ts',
      'libs/translation/src/feishu/feishu-read-back.helper.spec.ts',
      'libs/translation/src/feishu/gcj02.util.spec.ts',
      'libs/translation/src/feishu/feishu-properties.spec.ts',
    ],
  },
  'translation-punch': {
    tsconfig: TRANSLATION_TSCONFIG,
    mutate: [
      'libs/translation/src/punch/*.ts',
      '!libs/translation/src/punch/*.spec.ts',
      '!libs/translation/src/punch/punch-keys.ts',
      '!libs/translation/src/punch/punch.coverage.ts',
    ],
    specs: ['libs/translation/src/punch/*.spec.ts'],
  },
  'translation-field-coverage': {
    tsconfig: TRANSLATION_TSCONFIG,
    mutate: ['libs/translation/src/field-coverage/*.ts', 'libs/translation/src/*/*.coverage.ts'],
    specs: [
      'libs/translation/test/field-coverage.spec.ts',
      'libs/translation/src/field-coverage/render-field-coverage.spec.ts',
    ],
  },
  translation: {
    tsconfig: TRANSLATION_TSCONFIG,
    mutate: [
      'libs/translation/src/**/*.ts',
      '!libs/translation/src/**/*.spec.ts',
      '!libs/translation/src/index.ts',
      '!libs/translation/src/punch/punch-keys.ts',
    ],
    specs: ['libs/translation/src/**/*.spec.ts', 'libs/translation/test/*.spec.ts'],
  },
};
