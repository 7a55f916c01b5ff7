/** Ridge regression in closed form (float64), the intercept unpenalised by centring. */
export function ridge(X: Float32Array, y: ArrayLike<number>, n: number, d: number, alpha: number): { w: Float64Array; b: number } {
  const mx = new Float64Array(d);
  let my = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) mx[j] += X[i * d + j] / n;
    my += y[i] / n;
  }
  const A = new Float64Array(d * d);
  const r = new Float64Array(d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = X[i * d + j] - mx[j];
    const yi = y[i] - my;
    for (let j = 0; j < d; j++) {
      r[j] += row[j] * yi;
      for (let k = 0; k <= j; k++) A[j * d + k] += row[j] * row[k];
    }
  }
  // A tiny floor keeps the system positive definite when alpha is 0 and columns are collinear.
  for (let j = 0; j < d; j++) A[j * d + j] += alpha + 1e-10 * (1 + A[j * d + j]);
  const w = choleskySolve(A, r, d);
  let b = my;
  for (let j = 0; j < d; j++) b -= mx[j] * w[j];
  return { w, b };
}

/** Solves A x = r for symmetric positive-definite A (lower triangle used). */
function choleskySolve(A: Float64Array, r: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = A[j * d + j];
    for (let k = 0; k < j; k++) s -= L[j * d + k] ** 2;
    L[j * d + j] = Math.sqrt(Math.max(s, 1e-300));
    for (let i = j + 1; i < d; i++) {
      let t = A[i * d + j];
      for (let k = 0; k < j; k++) t -= L[i * d + k] * L[j * d + k];
      L[i * d + j] = t / L[j * d + j];
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let t = r[i];
    for (let k = 0; k < i; k++) t -= L[i * d + k] * z[k];
    z[i] = t / L[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let t = z[i];
    for (let k = i + 1; k < d; k++) t -= L[k * d + i] * x[k];
    x[i] = t / L[i * d + i];
  }
  return x;
}
