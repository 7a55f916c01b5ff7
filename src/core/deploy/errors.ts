/** A model or recipe the portable bundle cannot carry; the message names the step or file and a remedy. */
export class DeployError extends Error {
  override name = 'DeployError';
  constructor(
    message: string,
    readonly details: { step?: number; column?: string; file?: string } = {},
  ) {
    super(message);
  }
}
