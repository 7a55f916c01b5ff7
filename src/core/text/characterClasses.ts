/** Classes of characters a text column is made of, in the order they are reported. */
export const CHARACTER_CLASSES = ['Latin letters', 'Other letters', 'Digits', 'Spaces', 'Punctuation', 'Symbols and emoji', 'Other'] as const;

/** Unicode scripts named when their letters occur. */
const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Devanagari', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Thai'] as const;
const SCRIPT_RES = SCRIPTS.map((s) => new RegExp(`\\p{Script=${s}}`, 'u'));

/** Counts characters of `text` by class into `classes` and letters by script into `scripts` (weighted). */
export function countCharacters(text: string, weight: number, classes: Float64Array, scripts: Map<string, number>): void {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    let k: number;
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) k = 0;
    else if (code >= 48 && code <= 57) k = 2;
    else if (code === 32 || /\s/u.test(ch)) k = 3;
    else if (/\p{L}/u.test(ch)) k = /\p{Script=Latin}/u.test(ch) ? 0 : 1;
    else if (/\p{N}/u.test(ch)) k = 2;
    else if (/\p{P}/u.test(ch)) k = 4;
    else if (/\p{S}|\p{Extended_Pictographic}/u.test(ch)) k = 5;
    else k = 6;
    classes[k] += weight;
    if (k === 0) scripts.set('Latin', (scripts.get('Latin') ?? 0) + weight);
    // Letters outside Latin are named by script.
    else if (k === 1) {
      const at = SCRIPT_RES.findIndex((re) => re.test(ch));
      const name = at < 0 ? 'other scripts' : SCRIPTS[at];
      scripts.set(name, (scripts.get(name) ?? 0) + weight);
    }
  }
}
