import { CURRENCY, MINUS_SIGN, PARENTHESES, PERCENT, THOUSANDS } from './parseDecoratedNumber';
import type { IngestWarning } from './types';

/** Per decoration: its words and an example, with a decimal point, then with a decimal comma. */
const WORDS: [number, [string, string], [string, string]][] = [
  [CURRENCY, ['a currency sign', '"$12.50" is 12.5'], ['a currency sign', '"12,50 €" is 12.5']],
  [PERCENT, ['a percent sign', '"12.5%" is 12.5'], ['a percent sign', '"12,5 %" is 12.5']],
  [THOUSANDS, ['commas between thousands', '"1,234" is 1234'], ['spaces between thousands', '"1 234,5" is 1234.5']],
  [PARENTHESES, ['parentheses for negatives', '"(12)" is −12'], ['parentheses for negatives', '"(12)" is −12']],
  [MINUS_SIGN, ['the minus sign "−"', '"−12" is minus 12'], ['the minus sign "−"', '"−12,5" is minus 12.5']],
];

const list = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * One warning per set of decorations (`parseDecoratedNumber`'s bits) naming the columns read as
 * numbers through them, with an example of each reading, so the reading is never silent.
 */
export function decoratedWarnings(columns: { name: string; decorations: number; decimalComma: boolean }[]): IngestWarning[] {
  const bySet = new Map<string, typeof columns>();
  for (const c of columns) {
    const key = `${c.decorations}/${c.decimalComma}`;
    bySet.set(key, [...(bySet.get(key) ?? []), c]);
  }
  return [...bySet.values()].map((group) => {
    const { decorations, decimalComma } = group[0];
    const used = WORDS.filter(([bit]) => decorations & bit).map(([, point, comma]) => (decimalComma ? comma : point));
    const names = list(group.map((c) => `"${c.name}"`));
    const one = group.length === 1;
    return {
      code: 'decorated-numbers',
      message: `${one ? `Column ${names} has` : `Columns ${names} have`} numbers written with ${list([...(decimalComma ? ['a decimal comma'] : []), ...used.map(([words]) => words)])}, so ${one ? 'it was' : 'they were'} read as numbers: ${list(used.map(([, example]) => example))}. If a column holds codes rather than amounts, set its type to text.`,
      ...(one ? { column: group[0].name } : {}),
    };
  });
}
