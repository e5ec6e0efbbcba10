/** Strings of the preview page (namespace "preview"). */
export const previewLocale = {
  zh: {},
  en: {},
} as const;
