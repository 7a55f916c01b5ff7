/**
 * The tree-ensemble part of scorer.mjs, wrapped by scorerSource in a function of SPEC, X, D and
 * `floats` that returns `forwardTrees` (scorerRuntime.ts calls it). It
 * decodes `SPEC.model.trees` (laid out by treesSpec.ts) into typed arrays once at load, and
 * `forwardTrees` walks them with no allocation. Semantics are predictTrees.ts's `leafOf`,
 * `rawScores` and `probabilities`, operation for operation, so results agree to the bit: NaN (and,
 * on categorical nodes, a code < 0) goes where the node's missing flag says; a numeric node goes
 * left when x <= threshold (x is already a float32 in X); a categorical node goes left when the
 * code is in its set. Leaf values are summed per output in tree order, then base + sum · scale,
 * then the link. Kept as text (no template literals inside) because the studio ships it.
 *
 * Speed (single rows dominate serving): each numeric node reads one of two copies of its feature,
 * NaN → -Infinity when missing goes left and NaN kept when it goes right, so one comparison
 * decides; category sets are bitmasks; leaves are absorbing nodes, so four trees step down in
 * lockstep for their longest path with no data-dependent loop exit and their memory reads overlap.
 * In Node that is about twice as fast as walking one tree at a time.
 */
export const SCORER_TREES = String.raw`
function b64bytes(b64) {
  var bin = atob(b64);
  var out = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
function int32s(b64) {
  var b = b64bytes(b64), view = new DataView(b.buffer), out = new Int32Array(b.length / 4);
  for (var i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}
function float64s(b64) {
  var b = b64bytes(b64), view = new DataView(b.buffer), out = new Float64Array(b.length / 8);
  for (var i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

var TS = SPEC.model.trees || null;
var TREES = TS !== null;
var T_COUNT = TREES ? TS.count : 0;
var T_ROOT = TREES ? int32s(TS.root) : null;
var T_OUT = TREES ? int32s(TS.out) : null;
var T_CS = TREES ? int32s(TS.catStart) : null;
var T_CV = TREES ? int32s(TS.catValues) : null;
var T_LEAF = TREES ? float64s(TS.leaf) : null;
var T_BASE = TREES ? Float64Array.from(TS.base) : null;
var T_W = TREES ? TS.width : 0;
var T_K = TREES ? TS.outputs : 0;
var T_SCALE = TREES && TS.aggregate === 'average' && T_COUNT > 0 ? 1 / T_COUNT : 1;
var T_RAW = new Float64Array(T_K);
var T_PROB = new Float64Array(TREES ? (SPEC.task === 'regression' ? 1 : TS.numClasses) : 0);
var T_NODE, T_THR, T_CATF, T_CATM, T_CATOFF, T_CATLIM, T_MASK, T_N = 0, T_GDEPTH;
var XS = new Float64Array(2 * D);
var XC = new Int32Array(D);
(function () {
  if (!TREES) return;
  var feat = int32s(TS.feature), cat = int32s(TS.cat), miss = b64bytes(TS.missingLeft), left = int32s(TS.left), right = int32s(TS.right), depth = int32s(TS.depth);
  var n = feat.length, leaves = T_LEAF.length / T_W, sets = T_CS.length - 1, words = 0, c, q, i;
  T_N = n;
  T_NODE = new Int32Array(3 * (n + leaves));
  T_THR = new Float64Array(n + leaves);
  T_THR.set(floats(TS.threshold));
  T_CATF = new Int32Array(sets);
  T_CATM = new Uint8Array(sets);
  T_CATOFF = new Int32Array(sets);
  T_CATLIM = new Int32Array(sets);
  for (c = 0; c < sets; c++) {
    var top = T_CS[c + 1] > T_CS[c] ? T_CV[T_CS[c + 1] - 1] : -1;
    T_CATOFF[c] = words;
    T_CATLIM[c] = 32 * Math.ceil((top + 1) / 32);
    words += T_CATLIM[c] / 32;
  }
  T_MASK = new Uint32Array(words);
  for (c = 0; c < sets; c++) for (q = T_CS[c]; q < T_CS[c + 1]; q++) T_MASK[T_CATOFF[c] + (T_CV[q] >> 5)] |= 1 << (T_CV[q] & 31);
  var to = function (ch) { return ch >= 0 ? ch : n + ~ch; };
  for (i = 0; i < n; i++) {
    c = cat[i];
    if (c < 0) T_NODE[3 * i] = 2 * feat[i] + (miss[i] === 1 ? 0 : 1);
    else { T_NODE[3 * i] = ~c; T_CATF[c] = feat[i]; T_CATM[c] = miss[i]; }
    T_NODE[3 * i + 1] = to(left[i]);
    T_NODE[3 * i + 2] = to(right[i]);
  }
  for (i = n; i < n + leaves; i++) { T_NODE[3 * i + 1] = i; T_NODE[3 * i + 2] = i; }
  for (i = 0; i < T_COUNT; i++) T_ROOT[i] = to(T_ROOT[i]);
  T_GDEPTH = new Int32Array(Math.ceil(T_COUNT / 4));
  for (i = 0; i < T_COUNT; i++) T_GDEPTH[i >> 2] = Math.max(T_GDEPTH[i >> 2], depth[i]);
})();

/** One step down: a node's child for the row, or the same leaf (leaves are absorbing nodes n..). */
function stepTree(node, NODE, THR) {
  var b = 3 * node, s = NODE[b];
  if (s >= 0) return NODE[b + 2 - (XS[s] <= THR[node])];
  var c = ~s, xi = XC[T_CATF[c]];
  return NODE[b + 2 - (xi < 0 ? (xi === -1 ? T_CATM[c] : 0) : xi < T_CATLIM[c] ? (T_MASK[T_CATOFF[c] + (xi >> 5)] >>> (xi & 31)) & 1 : 0)];
}
function addLeaf(raw, t, node) {
  var at = (node - T_N) * T_W, o = T_OUT[t];
  for (var w = 0; w < T_W; w++) raw[o + w] += T_LEAF[at + w];
}

/** Raw scores of the row in X, then the link; returns T_PROB (binary: [1 - p, p]; regression: [value]). */
function forwardTrees() {
  var raw = T_RAW, k = T_K, j, t, d, NODE = T_NODE, THR = T_THR;
  for (j = 0; j < k; j++) raw[j] = 0;
  for (j = 0; j < D; j++) {
    var xj = X[j];
    XS[2 * j] = xj !== xj ? -Infinity : xj;
    XS[2 * j + 1] = xj;
    // Category codes: -1 missing (NaN or < 0), -2 a value no set can hold (a fraction, huge).
    XC[j] = xj !== xj || xj < 0 ? -1 : xj === Math.floor(xj) && xj < 2147483648 ? xj : -2;
  }
  for (t = 0; t + 4 <= T_COUNT; t += 4) {
    var a0 = T_ROOT[t], a1 = T_ROOT[t + 1], a2 = T_ROOT[t + 2], a3 = T_ROOT[t + 3], steps = T_GDEPTH[t >> 2];
    for (d = 0; d < steps; d++) { a0 = stepTree(a0, NODE, THR); a1 = stepTree(a1, NODE, THR); a2 = stepTree(a2, NODE, THR); a3 = stepTree(a3, NODE, THR); }
    addLeaf(raw, t, a0); addLeaf(raw, t + 1, a1); addLeaf(raw, t + 2, a2); addLeaf(raw, t + 3, a3);
  }
  for (; t < T_COUNT; t++) {
    var a = T_ROOT[t];
    while (a < T_N) a = stepTree(a, NODE, THR);
    addLeaf(raw, t, a);
  }
  for (j = 0; j < k; j++) raw[j] = T_BASE[j] + raw[j] * T_SCALE;
  var out = T_PROB;
  if (SPEC.task === 'regression') { out[0] = raw[0]; return out; }
  if (SPEC.task === 'binary') {
    var z = raw[0];
    var p = TS.link === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : Math.min(1, Math.max(0, z));
    out[0] = 1 - p;
    out[1] = p;
  } else if (TS.link === 'softmax') {
    var max = -Infinity, sum = 0;
    for (j = 0; j < k; j++) max = Math.max(max, raw[j]);
    for (j = 0; j < k; j++) sum += (out[j] = Math.exp(raw[j] - max));
    for (j = 0; j < k; j++) out[j] /= sum;
  } else {
    for (j = 0; j < k; j++) out[j] = raw[j];
  }
  return out;
}
`;
