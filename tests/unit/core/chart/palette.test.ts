import { describe, expect, test } from 'vitest';
import { categoryColors, paletteColor, PALETTE } from '../../../../src/core/chart';

describe('categoryColors', () => {
  test('a category keeps its colour whatever order the rows list the vocabulary in', () => {
    const a = categoryColors(['Gentoo', 'Adelie', 'Chinstrap']);
    const b = categoryColors(['Chinstrap', 'Gentoo', 'Adelie', 'Adelie']);
    for (const species of ['Adelie', 'Chinstrap', 'Gentoo']) expect(a.get(species)).toBe(b.get(species));
    expect(a.get('Adelie')).toBe(PALETTE[0]);
    expect(a.get('Gentoo')).toBe(PALETTE[2]);
  });
  test('the palette cycles past its end, negative indices included', () => {
    expect(paletteColor(PALETTE.length + 1)).toBe(PALETTE[1]);
    expect(paletteColor(-1)).toBe(PALETTE[PALETTE.length - 1]);
  });
});
