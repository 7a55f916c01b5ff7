/** The text step's defaults, apart from its code so the page can show them without loading the tokeniser. */
export const TEXT_DEFAULTS = { maxFeatures: 300, minDf: 2, ngrams: [1, 1] as [number, number] };
