/** Strings of the runs page (namespace "runs"). */
export const runsLocale = {
  zh: {},
  en: {},
} as const;
