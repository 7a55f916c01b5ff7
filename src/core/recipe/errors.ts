/** A recipe that cannot be applied: the message names the step, the column and a remedy. */
export class RecipeError extends Error {
  override name = 'RecipeError';
  constructor(
    message: string,
    readonly details: { step?: number; column?: string; code?: string } = {},
  ) {
    super(message);
  }
}
