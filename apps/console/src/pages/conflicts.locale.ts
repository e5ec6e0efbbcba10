/** Strings of the conflicts page (namespace "conflicts"). */
export const conflictsLocale = {
  zh: {},
  en: {},
} as const;
