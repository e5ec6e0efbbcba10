/** Strings of the mappings page (namespace "mappings"). */
export const mappingsLocale = {
  zh: {},
  en: {},
} as const;
