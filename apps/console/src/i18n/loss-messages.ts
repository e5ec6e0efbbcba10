import type { Language } from './i18n';

/**
 * A loss message (English, as the gateway writes it) in the console's language. Minimal stand-in so the preview
 * page builds on its own branch: it returns the message unchanged, and is replaced on merge by the real
 * translation table another helper writes.
 */
export function translateLoss(message: string, _language: Language): string {
  return message;
}
