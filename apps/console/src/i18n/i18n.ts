import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { commonLocale } from './common.locale';
import { conflictsLocale } from '../pages/conflicts.locale';
import { linksLocale } from '../pages/links.locale';
import { mappingsLocale } from '../pages/mappings.locale';
import { matchesLocale } from '../pages/matches.locale';
import { previewLocale } from '../pages/preview.locale';
import { runDetailLocale } from '../pages/run-detail.locale';
import { runsLocale } from '../pages/runs.locale';
import { signInLocale } from '../pages/sign-in.locale';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'attendance-sync-console.language';

/** One namespace per page, plus `common` for the shell: each page's strings live beside the page. */
const NAMESPACES = {
  common: commonLocale,
  signIn: signInLocale,
  runs: runsLocale,
  runDetail: runDetailLocale,
  preview: previewLocale,
  links: linksLocale,
  conflicts: conflictsLocale,
  mappings: mappingsLocale,
  matches: matchesLocale,
} as const;

function resources(language: Language): Record<string, object> {
  return Object.fromEntries(Object.entries(NAMESPACES).map(([namespace, locale]) => [namespace, locale[language]]));
}

/** Chinese first (the console's users are HR staff in China); the choice is remembered in this browser. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'zh' ? stored : 'zh';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  void i18next.changeLanguage(language);
}

void i18next.use(initReactI18next).init({
  resources: { zh: resources('zh'), en: resources('en') },
  lng: initialLanguage(),
  fallbackLng: 'zh',
  defaultNS: 'common',
  ns: Object.keys(NAMESPACES),
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = initialLanguage() === 'zh' ? 'zh-CN' : 'en';

export { i18next };
