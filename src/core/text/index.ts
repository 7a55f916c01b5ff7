/**
 * Free text: tokenisation and n-gram features shared by Explore, the recipe's text step and
 * scorer.mjs (`textKernel`, shipped as text), the text column summary and the n-gram explorer.
 */
export { textKernel, type TextKernel, type TermOptions } from './textKernel';
export { ENGLISH_STOP_WORDS } from './stopWords';
export { summariseTexts, type TextSummary } from './textSummary';
export { ngramLift, rowsWithNgram, PRIOR_ROWS, type NgramLift, type NgramEffect, type NgramRows } from './ngramLift';
export { fitTerms } from './fitTerms';
export { termRows } from './termRows';
