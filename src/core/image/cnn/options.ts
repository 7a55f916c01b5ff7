/** Options of the image classifier (a small convolutional network), with defaults and checks. */

export interface CnnOptions {
  /** Passes over the training images. Default 15. */
  epochs: number;
  /** Images per gradient step. Default 16 (small image sets need the steps). */
  batchSize: number;
  /** Adam's step size. Default 0.005. */
  learningRate: number;
  /** Filters of the first and second convolution blocks (3×3, ReLU, 2×2 max pooling). Default [8, 16]. */
  filters: [number, number];
  /** Units of the dense layer before the softmax. Default 64. */
  units: number;
  /** Mirror images left–right at random while training. Default true. */
  flip: boolean;
  /** Shift images by up to this many pixels in each direction while training (edges repeated). Default 2. */
  shift: number;
  /** Brighten or darken images by up to this fraction of full scale while training. Default 0.1. */
  brightness: number;
  /** Share of the images held out for the final test (per class). Default 0.2. */
  testFraction: number;
  /** Share of the remaining images watched for early stopping (per class). Default 0.1. */
  validationFraction: number;
  /** Stop when the validation loss has not improved for `patience` epochs, keeping the best weights. Default true. */
  earlyStopping: boolean;
  patience: number;
  /** Seeds the split, the initial weights, shuffling and augmentation. Default 0. */
  seed: number;
}

export const CNN_DEFAULTS: CnnOptions = {
  epochs: 15,
  batchSize: 16,
  learningRate: 0.005,
  filters: [8, 16],
  units: 64,
  flip: true,
  shift: 2,
  brightness: 0.1,
  testFraction: 0.2,
  validationFraction: 0.1,
  earlyStopping: true,
  patience: 4,
  seed: 0,
};

const RANGES: Partial<Record<keyof CnnOptions, [number, number]>> = {
  epochs: [1, 500],
  batchSize: [1, 4096],
  learningRate: [1e-6, 1],
  units: [1, 4096],
  shift: [0, 16],
  brightness: [0, 1],
  testFraction: [0.05, 0.9],
  validationFraction: [0, 0.5],
  patience: [1, 100],
};

/** Fills unset options with the defaults; a value out of range is an error naming the option and its range. */
export function cnnOptions(partial: Partial<CnnOptions> = {}): CnnOptions {
  const o: CnnOptions = { ...CNN_DEFAULTS, ...partial };
  for (const [key, [lo, hi]] of Object.entries(RANGES) as [keyof CnnOptions, [number, number]][]) {
    const v = o[key] as number;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) throw new RangeError(`The image classifier's option "${key}" is ${String(v)}; use a number from ${lo} to ${hi}.`);
  }
  if (o.filters.length !== 2 || o.filters.some((f) => !Number.isInteger(f) || f < 1 || f > 256)) throw new RangeError(`The image classifier's filters are ${JSON.stringify(o.filters)}; give two whole numbers from 1 to 256.`);
  return o;
}
