/**
 * Adam over one flat parameter vector: a dozen element-wise ops per batch whatever the number of
 * layers (tfjs-core's Adam runs about twelve per variable). It is an `AdamOptimizer` so that
 * checkpoints read and restore it as they do tfjs-core's: `getWeights` gives the step count and
 * the moments per variable, and `accBeta1`/`accBeta2` hold β₁ᵗ, β₂ᵗ when a checkpoint is taken.
 */
import * as tf from '@tensorflow/tfjs';

/** One step's scalars: p −= scale · m / (√v + epsHat) after m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g². */
export interface AdamStep {
  scale: number;
  epsHat: number;
  beta1: number;
  beta2: number;
}

/** A tensor with a name, as optimizers' `getWeights` returns them. */
type NamedTensor = { name: string; tensor: tf.Tensor };

const BETA1 = 0.9;
const BETA2 = 0.999;
const FLUSH = 1e-30;

export class FlatAdam extends tf.AdamOptimizer {
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  /** β₁ᵗ and β₂ᵗ in float32, as tfjs-core accumulates them, so a restored run continues bit for bit. */
  private p1 = Math.fround(BETA1);
  private p2 = Math.fround(BETA2);
  /** The per-variable moments last handed out: owned here, as tfjs-core's Adam owns its moment variables. */
  private exported: tf.Tensor[] = [];

  /** `vars` name and shape the slices of the flat vector, in order. */
  constructor(learningRate: number, private readonly vars: readonly tf.Variable[]) {
    super(learningRate, BETA1, BETA2);
    const size = vars.reduce((s, v) => s + v.size, 0);
    // tf.variable keeps its initial tensor alive; made in a tidy, only the variable stays.
    this.m = tf.tidy(() => tf.variable(tf.zeros([size]), false));
    this.v = tf.tidy(() => tf.variable(tf.zeros([size]), false));
  }

  /** The flat first and second moments (the raw WASM step updates them in place). */
  get moments(): { m: tf.Variable; v: tf.Variable } {
    return { m: this.m, v: this.v };
  }

  /**
   * Counts one step and returns its scalars: with m̂ = m / c1 and v̂ = v / c2, m̂ / (√v̂ + ε) is
   * folded into p −= scale · m / (√v + epsHat).
   */
  advance(): AdamStep {
    const lr = (this as unknown as { learningRate: number }).learningRate;
    const eps = (this as unknown as { epsilon: number }).epsilon;
    const c1 = 1 - this.p1;
    const c2 = 1 - this.p2;
    this.p1 = Math.fround(this.p1 * Math.fround(BETA1));
    this.p2 = Math.fround(this.p2 * Math.fround(BETA2));
    this.incrementIterations();
    return { scale: (lr * Math.sqrt(c2)) / c1, epsHat: eps * Math.sqrt(c2), beta1: BETA1, beta2: BETA2 };
  }

  /** One Adam step on `params` (flat) with gradient `g` (flat, same length). */
  update(params: tf.Variable, g: tf.Tensor): void {
    const { scale, epsHat } = this.advance();
    tf.tidy(() => {
      // Moments of weights whose gradient stays 0 (a dead ReLU) decay into subnormal floats, and
      // arithmetic on those runs ~100× slower on x86 (WASM cannot flush them): one training slowed
      // 5× after a few thousand batches. Adding and taking back FLUSH rounds every value below
      // ~1e-23 to a multiple of 2⁻¹²³ (never subnormal) and leaves larger ones exact; a moment
      // that small moves its weight by less than 1e-20.
      const m = this.m.mul(BETA1).add(g.mul(1 - BETA1)).add(FLUSH).sub(FLUSH);
      const v = this.v.mul(BETA2).add(g.square().mul(1 - BETA2)).add(FLUSH).sub(FLUSH);
      const step = m.div(v.sqrt().add(epsHat)).mul(scale);
      this.m.assign(m);
      this.v.assign(v);
      params.assign(params.sub(step));
    });
  }

  /**
   * β₁ᵗ⁺¹, β₂ᵗ⁺¹ after `steps` updates, by the same float32 products `update` makes, so a restored
   * run continues bit for bit without reading `accBeta1`/`accBeta2` back (a synchronous read, which
   * WebGPU cannot afford: it goes through a canvas and loses the device on SwiftShader).
   */
  private resetPowers(steps: number): void {
    this.p1 = Math.fround(BETA1);
    this.p2 = Math.fround(BETA2);
    for (let i = 0; i < steps; i++) {
      this.p1 = Math.fround(this.p1 * Math.fround(BETA1));
      this.p2 = Math.fround(this.p2 * Math.fround(BETA2));
    }
  }

  private slices(flat: tf.Tensor, suffix: string): NamedTensor[] {
    let offset = 0;
    return this.vars.map((v) => {
      const start = offset;
      const tensor = tf.tidy(() => flat.slice(start, v.size).reshape(v.shape));
      offset += v.size;
      return { name: `${v.name}/${suffix}`, tensor };
    });
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const self = this as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable };
    tf.tidy(() => {
      self.accBeta1.assign(tf.scalar(this.p1));
      self.accBeta2.assign(tf.scalar(this.p2));
    });
    tf.dispose(this.exported);
    const moments = [...this.slices(this.m, 'm'), ...this.slices(this.v, 'v')];
    this.exported = moments.map((w) => w.tensor);
    return [await this.saveIterations(), ...moments];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const moments = await this.extractIterations(weightValues);
    const k = this.vars.length;
    if (moments.length !== 2 * k) throw new Error(`Adam state has ${moments.length} moment tensors; this model needs ${2 * k} (first then second moment of each of its ${k} weights). Train again from the start.`);
    tf.tidy(() => {
      this.m.assign(tf.concat(moments.slice(0, k).map((w) => w.tensor.reshape([-1]))));
      this.v.assign(tf.concat(moments.slice(k).map((w) => w.tensor.reshape([-1]))));
    });
    this.resetPowers(this.iterations);
  }

  override dispose(): void {
    super.dispose();
    tf.dispose(this.exported);
    this.m.dispose();
    this.v.dispose();
  }
}
