import { franc } from 'franc-min';

/** Texts shorter than this (characters) are "undetermined": trigram statistics need some length. */
const MIN_LANGUAGE_LENGTH = 20;

// Made on first use: a module-level side effect would keep franc's data in every bundle that imports this folder.
let names: Intl.DisplayNames | undefined;

/** ISO 639-3 code of a text's language, or `und` when it is short or unclear (franc-min, 82 languages). */
export function detectLanguage(text: string): string {
  return franc(text, { minLength: MIN_LANGUAGE_LENGTH });
}

/** A language code in words ("English"), "undetermined" for `und`. */
export function languageName(code: string): string {
  if (code === 'und') return 'undetermined';
  try {
    names ??= new Intl.DisplayNames(['en'], { type: 'language' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
