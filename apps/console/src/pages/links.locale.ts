/** Strings of the links page (namespace "links"). */
export const linksLocale = {
  zh: {},
  en: {},
} as const;
