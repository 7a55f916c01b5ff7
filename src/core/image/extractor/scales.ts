/** How 0–255 pixels are scaled before an extractor sees them; models are trained with one of these. */
export type PixelScale = 'unit' | 'signed' | 'bytes';

/** Each scale in words, for the page and the CLI's help. */
export const PIXEL_SCALES: Readonly<Record<PixelScale, string>> = {
  unit: '0 to 1',
  signed: '−1 to 1',
  bytes: '0 to 255',
};
