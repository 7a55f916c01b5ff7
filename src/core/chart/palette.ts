/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. Grey is kept for "missing". */
export const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

/** The colour of rows whose category is missing, or beyond the palette's length where a chart caps it. */
export const MISSING_COLOR = '#8c959f';

/** The palette colour at `index`, cycling past the palette's end. */
export const paletteColor = (index: number) => PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];

/**
 * Stable colours for a column's categories: each category takes the colour of its position in the
 * column's vocabulary sorted in code-point order, so "no" is blue and "yes" orange in every chart of
 * the dataset (the PCA plot, a scatter, the boundary view) whatever order the rows arrive in.
 * Pass the whole vocabulary, not the values one chart happens to show.
 */
export function categoryColors(vocabulary: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(vocabulary)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(sorted.map((c, i) => [c, paletteColor(i)]));
}

/** `#rrggbb` as [r, g, b], for charts that blend colours into pixels. */
export const hexToRgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
