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
 * Speed (single rows dominate serving): nodes are renumbered breadth first with siblings side by
 * side, four ints each (value slot, code slot, mask offset, left child), so a step is a few typed-array
 * reads and no branch on the node's kind: a numeric node compares one of two copies of its feature
 * (NaN as -Infinity when missing goes left, NaN kept when it goes right) and has an all-zero mask; a
 * categorical node compares against NaN (never true) and reads one bit of its mask, where bit 0 is
 * the missing direction and bit code + 1 the code's. Leaves are absorbing nodes (they always "go
 * left" to themselves), so four trees step down in lockstep for their longest path with no
 * data-dependent exit and their memory reads overlap. On the flight-delay model (300 trees of
 * depth 6, over half the nodes categorical) that halves the time of the kind-branching walk.
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
var T_OUT = TREES ? int32s(TS.out) : null;
var T_LEAF = TREES ? float64s(TS.leaf) : null;
var T_BASE = TREES ? Float64Array.from(TS.base) : null;
var T_W = TREES ? TS.width : 0;
var T_K = TREES ? TS.outputs : 0;
var T_SCALE = TREES && TS.aggregate === 'average' && T_COUNT > 0 ? 1 / T_COUNT : 1;
var T_REG = SPEC.task === 'regression';
var T_SIGMOID = TREES && TS.link === 'sigmoid';
var T_SOFTMAX = TREES && TS.link === 'softmax';
var T_RAW = new Float64Array(T_K);
var T_PROB = new Float64Array(TREES ? (T_REG ? 1 : TS.numClasses) : 0);
// Per node, 4 ints: XS slot, P slot, MASK word offset, left child (the right child is left + 1).
var T_NODE = null, T_THR = null, T_LEAFOF = null, T_ROOT = null, T_GDEPTH = null, T_MASK = null;
var T_CATS = null, T_CATLIM = null;
// XS: two copies of each feature (NaN as -Infinity where missing goes left, NaN kept where it goes right), then a 0 that leaves compare.
var XS = new Float64Array(2 * D + 1);
// P: per categorical feature, the bit position of the row's code in its nodes' masks (0 missing, code + 1, or a position no set holds); P[D] stays 0.
var P = new Int32Array(D + 1);
(function () {
  if (!TREES) return;
  var feat = int32s(TS.feature), thr = floats(TS.threshold), cat = int32s(TS.cat), miss = b64bytes(TS.missingLeft);
  var left = int32s(TS.left), right = int32s(TS.right), depth = int32s(TS.depth), root = int32s(TS.root);
  var cs = int32s(TS.catStart), cv = int32s(TS.catValues);
  var n = feat.length, leaves = T_LEAF.length / T_W, m = n + leaves, i, c, q, t, j;
  // Largest code any set on a feature holds, so each feature's masks are as wide as they need be.
  var top = new Int32Array(D).fill(-1);
  for (i = 0; i < n; i++) if ((c = cat[i]) >= 0 && cs[c + 1] > cs[c]) top[feat[i]] = Math.max(top[feat[i]], cv[cs[c + 1] - 1]);
  var catFeats = [];
  for (i = 0; i < n; i++) if (cat[i] >= 0 && catFeats.indexOf(feat[i]) < 0) catFeats.push(feat[i]);
  T_CATS = Int32Array.from(catFeats);
  T_CATLIM = new Int32Array(D);
  for (j = 0; j < D; j++) T_CATLIM[j] = top[j] + 1;
  var words = 1;
  for (i = 0; i < n; i++) if (cat[i] >= 0) words += ((top[feat[i]] + 2) >> 5) + 1;
  T_MASK = new Uint32Array(words);
  T_NODE = new Int32Array(4 * m);
  T_THR = new Float64Array(m);
  T_LEAFOF = new Int32Array(m);
  T_ROOT = new Int32Array(T_COUNT);
  // Nodes renumbered tree by tree, breadth first, with each node's two children side by side.
  var next = 0, word = 1, queue = new Int32Array(m), head, tail;
  var place = function (node, at) {
    var b = 4 * at;
    if (node < 0) {
      T_NODE[b] = 2 * D; T_NODE[b + 1] = D; T_NODE[b + 2] = 0; T_NODE[b + 3] = at;
      T_THR[at] = Infinity;
      T_LEAFOF[at] = ~node;
      return;
    }
    if (cat[node] < 0) {
      T_NODE[b] = 2 * feat[node] + (miss[node] === 1 ? 0 : 1); T_NODE[b + 1] = D; T_NODE[b + 2] = 0;
      T_THR[at] = thr[node];
    } else {
      c = cat[node];
      T_NODE[b] = 2 * D; T_NODE[b + 1] = feat[node]; T_NODE[b + 2] = word;
      T_THR[at] = NaN;
      if (miss[node] === 1) T_MASK[word] |= 1;
      for (q = cs[c]; q < cs[c + 1]; q++) T_MASK[word + ((cv[q] + 1) >> 5)] |= 1 << ((cv[q] + 1) & 31);
      word += ((top[feat[node]] + 2) >> 5) + 1;
    }
    T_NODE[b + 3] = next;
    queue[tail++] = left[node];
    queue[tail++] = right[node];
    next += 2;
  };
  for (t = 0; t < T_COUNT; t++) {
    head = 0; tail = 0;
    var start = next;
    T_ROOT[t] = next++;
    queue[tail++] = root[t];
    while (head < tail) place(queue[head], start + head++);
  }
  T_GDEPTH = new Int32Array(Math.ceil(T_COUNT / 4));
  for (t = 0; t < T_COUNT; t++) T_GDEPTH[t >> 2] = Math.max(T_GDEPTH[t >> 2], depth[t]);
})();

/** One step down: a node's child for the row, or the same leaf (leaves are absorbing); no branch on the node's kind. */
function stepTree(a, NODE, THR, MASK) {
  var b = a << 2, p = P[NODE[b + 1]];
  return NODE[b + 3] + 1 - ((XS[NODE[b]] <= THR[a]) | ((MASK[NODE[b + 2] + (p >> 5)] >>> (p & 31)) & 1));
}
function addLeaf(raw, t, a) {
  var at = T_LEAFOF[a] * T_W, o = T_OUT[t];
  for (var w = 0; w < T_W; w++) raw[o + w] += T_LEAF[at + w];
}

/** Raw scores of the row in X, then the link; returns T_PROB (binary: [1 - p, p]; regression: [value]). */
function forwardTrees() {
  var raw = T_RAW, k = T_K, j, t, d, NODE = T_NODE, THR = T_THR, MASK = T_MASK;
  for (j = 0; j < k; j++) raw[j] = 0;
  for (j = 0; j < D; j++) {
    var xj = X[j];
    XS[2 * j] = xj !== xj ? -Infinity : xj;
    XS[2 * j + 1] = xj;
  }
  for (j = 0; j < T_CATS.length; j++) {
    var f = T_CATS[j], xc = X[f];
    // Codes: NaN or < 0 is missing (bit 0); an integer a set can hold is bit code + 1; anything else (a fraction, a code past every set) no set holds.
    P[f] = xc !== xc || xc < 0 ? 0 : xc === Math.floor(xc) && xc < T_CATLIM[f] ? xc + 1 : T_CATLIM[f] + 1;
  }
  for (t = 0; t + 4 <= T_COUNT; t += 4) {
    var a0 = T_ROOT[t], a1 = T_ROOT[t + 1], a2 = T_ROOT[t + 2], a3 = T_ROOT[t + 3], steps = T_GDEPTH[t >> 2];
    for (d = 0; d < steps; d++) { a0 = stepTree(a0, NODE, THR, MASK); a1 = stepTree(a1, NODE, THR, MASK); a2 = stepTree(a2, NODE, THR, MASK); a3 = stepTree(a3, NODE, THR, MASK); }
    addLeaf(raw, t, a0); addLeaf(raw, t + 1, a1); addLeaf(raw, t + 2, a2); addLeaf(raw, t + 3, a3);
  }
  for (; t < T_COUNT; t++) {
    var a = T_ROOT[t];
    for (d = T_GDEPTH[t >> 2]; d > 0; d--) a = stepTree(a, NODE, THR, MASK);
    addLeaf(raw, t, a);
  }
  for (j = 0; j < k; j++) raw[j] = T_BASE[j] + raw[j] * T_SCALE;
  var out = T_PROB;
  if (T_REG) { out[0] = raw[0]; return out; }
  if (SPEC.task === 'binary') {
    var z = raw[0];
    var p = T_SIGMOID ? 1 / (1 + Math.exp(-z)) : Math.min(1, Math.max(0, z));
    out[0] = 1 - p;
    out[1] = p;
  } else if (T_SOFTMAX) {
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
