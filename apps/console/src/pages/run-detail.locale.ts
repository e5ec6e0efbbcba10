/** Strings of the run-detail page (namespace "runDetail"). */
export const runDetailLocale = {
  zh: {},
  en: {},
} as const;
