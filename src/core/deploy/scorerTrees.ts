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
 * Speed (single rows dominate serving): every node's test for the row is looked up before the walk.
 * Each feature has a table with a row per place a value can fall (for a numeric feature, between
 * which two of its distinct thresholds, or missing; for a categorical one, which code, or missing)
 * holding one bit per node on the feature; the row's bits of every feature are copied into DEC, so a
 * step is two typed-array reads (the node's DEC bit and its left child; siblings sit side by side)
 * and no compare or branch on the node's kind. A numeric feature whose table would pass 1 MB keeps
 * threshold compares (one of two copies of the value in XS: NaN as -Infinity where missing goes
 * left). Leaves are absorbing nodes that carry their values, so eight trees step down in lockstep
 * for their longest path with no data-dependent exit and their memory reads overlap. On the
 * flight-delay model (300 trees of depth 6) predictOne went from 7.5 to 4.5 µs (p50).
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
var T_ONE = T_K === 1 && T_W === 1;
var T_PROB = new Float64Array(TREES ? (T_REG ? 1 : TS.numClasses) : 0);
// Per node, 2 ints: DEC bit, left child (the right child is left + 1); and, for threshold compares, its XS slot and threshold.
// T_VAL: a leaf node's values (T_W per node), so the walk's last node reads its value directly.
var T_NODE = null, T_SLOT = null, T_THR = null, T_VAL = null, T_ROOT = null, T_GDEPTH = null;
// Per tabled feature j: its column, whether it is categorical, its code limit or its thresholds, its words in DEC, where they start, and where its table starts in T_TAB.
var T_TF = null, T_TCAT = null, T_TLIM = null, T_TTHR = null, T_TW = null, T_DECAT = null, T_TABAT = null, T_TAB = null;
// Every node is tabled (no threshold compares in the walk).
var T_ALLTAB = false;
// XS: two copies of each feature (NaN as -Infinity where missing goes left, NaN kept where it goes right), then a 0 that leaves compare.
var XS = new Float64Array(2 * D + 1);
// DEC: the row's decision at every tabled node (bit set = left); in word 0, bit 0 is 0 (untabled nodes) and bit 1 is 1 (leaves).
var DEC = null;
(function () {
  if (!TREES) return;
  var feat = int32s(TS.feature), thr = floats(TS.threshold), cat = int32s(TS.cat), miss = b64bytes(TS.missingLeft);
  var left = int32s(TS.left), right = int32s(TS.right), depth = int32s(TS.depth), root = int32s(TS.root);
  var cs = int32s(TS.catStart), cv = int32s(TS.catValues);
  var n = feat.length, leaves = T_LEAF.length / T_W, m = n + leaves, i, c, q, t, j, f, r;
  // Tables are keyed by column and kind (2 f + 1 for categorical): the largest code a set holds, the nodes, the distinct thresholds.
  var top = new Int32Array(2 * D).fill(-1), count = new Int32Array(2 * D), slot = new Int32Array(2 * D).fill(-1), cuts = [];
  for (i = 0; i < 2 * D; i++) cuts.push([]);
  for (i = 0; i < n; i++) {
    var key = 2 * feat[i] + (cat[i] >= 0 ? 1 : 0);
    count[key]++;
    if ((c = cat[i]) >= 0 && cs[c + 1] > cs[c]) top[key] = Math.max(top[key], cv[cs[c + 1] - 1]);
    if (c < 0) cuts[key].push(thr[i]);
  }
  // A feature's table: one row of W words per place a value can take, a bit per node on the feature.
  // Categorical rows: missing, each code a set holds (code + 1), then one no set holds. Numeric rows:
  // r = how many thresholds are below the value (0 .. U), then missing. A numeric feature whose table
  // would be too large keeps threshold compares in the walk.
  var keys = [], words = 1, cells = 0, rows;
  for (key = 0; key < 2 * D; key++) {
    if (count[key] === 0) continue;
    if (key % 2 === 0) cuts[key] = Float64Array.from(new Set(cuts[key])).sort();
    rows = key % 2 ? top[key] + 3 : cuts[key].length + 2;
    var w = (count[key] + 31) >> 5;
    if (key % 2 === 0 && (rows * w > 262144 || cuts[key][cuts[key].length - 1] !== cuts[key][cuts[key].length - 1])) continue;
    slot[key] = keys.length;
    keys.push(key);
    words += w;
    cells += rows * w;
  }
  var F = keys.length;
  T_TF = new Int32Array(F); T_TCAT = new Uint8Array(F); T_TLIM = new Int32Array(F); T_TTHR = [];
  T_TW = new Int32Array(F); T_DECAT = new Int32Array(F); T_TABAT = new Int32Array(F);
  words = 1; cells = 0;
  for (j = 0; j < F; j++) {
    key = keys[j];
    T_TF[j] = key >> 1;
    T_TCAT[j] = key % 2;
    T_TLIM[j] = top[key] + 1;
    T_TTHR.push(key % 2 ? null : cuts[key]);
    T_TW[j] = (count[key] + 31) >> 5;
    T_DECAT[j] = words;
    T_TABAT[j] = cells;
    words += T_TW[j];
    cells += (key % 2 ? top[key] + 3 : cuts[key].length + 2) * T_TW[j];
  }
  T_ALLTAB = true;
  for (key = 0; key < 2 * D; key++) if (count[key] > 0 && slot[key] < 0) T_ALLTAB = false;
  DEC = new Uint32Array(words);
  DEC[0] = 2;
  T_TAB = new Uint32Array(cells);
  T_NODE = new Int32Array(2 * m);
  T_SLOT = new Int32Array(m);
  T_THR = new Float64Array(m);
  T_VAL = new Float64Array(m * T_W);
  T_ROOT = new Int32Array(T_COUNT);
  var seen = new Int32Array(F);
  // Nodes renumbered tree by tree, breadth first, with each node's two children side by side.
  var next = 0, queue = new Int32Array(m), head, tail;
  var place = function (node, at) {
    var b = 2 * at;
    if (node < 0) {
      T_SLOT[at] = 2 * D; T_NODE[b] = 1; T_NODE[b + 1] = at;
      T_THR[at] = Infinity;
      for (q = 0; q < T_W; q++) T_VAL[at * T_W + q] = T_LEAF[~node * T_W + q];
      return;
    }
    j = slot[2 * feat[node] + (cat[node] >= 0 ? 1 : 0)];
    if (j < 0) {
      T_SLOT[at] = 2 * feat[node] + (miss[node] === 1 ? 0 : 1); T_NODE[b] = 0;
      T_THR[at] = thr[node];
    } else {
      var k = seen[j]++, w = k >> 5, bit = 1 << (k & 31), W = T_TW[j], base = T_TABAT[j] + w;
      T_SLOT[at] = 2 * D; T_NODE[b] = 32 * (T_DECAT[j] + w) + (k & 31);
      T_THR[at] = NaN;
      if (T_TCAT[j]) {
        c = cat[node];
        if (miss[node] === 1) T_TAB[base] |= bit;
        for (q = cs[c]; q < cs[c + 1]; q++) T_TAB[base + (cv[q] + 1) * W] |= bit;
      } else {
        // Left when x <= threshold: every row r up to the threshold's rank, and the missing row when missing goes left.
        var cut = T_TTHR[j], rank = 0;
        while (cut[rank] < thr[node]) rank++;
        for (r = 0; r <= rank; r++) T_TAB[base + r * W] |= bit;
        if (miss[node] === 1) T_TAB[base + (cut.length + 1) * W] |= bit;
      }
    }
    T_NODE[b + 1] = next;
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
  T_GDEPTH = new Int32Array(Math.ceil(T_COUNT / 8));
  for (t = 0; t < T_COUNT; t++) T_GDEPTH[t >> 3] = Math.max(T_GDEPTH[t >> 3], depth[t]);
})();

/** Fills DEC for the row: per tabled feature, the row of its table that the value selects. */
function decide() {
  for (var j = 0; j < T_TF.length; j++) {
    var x = X[T_TF[j]], W = T_TW[j], r;
    if (T_TCAT[j]) {
      var lim = T_TLIM[j];
      // Codes: NaN or < 0 is missing (row 0); an integer a set can hold is row code + 1; anything else (a fraction, a code past every set) the row no set holds.
      r = x !== x || x < 0 ? 0 : x === Math.floor(x) && x < lim ? x + 1 : lim + 1;
    } else {
      var cut = T_TTHR[j], lo = 0, hi = cut.length;
      if (x !== x) r = hi + 1;
      else {
        // How many thresholds are below x.
        while (lo < hi) { var mid = (lo + hi) >> 1; if (cut[mid] < x) lo = mid + 1; else hi = mid; }
        r = lo;
      }
    }
    for (var from = T_TABAT[j] + r * W, to = T_DECAT[j], e = to + W; to < e; ) DEC[to++] = T_TAB[from++];
  }
}

/** One step down: a node's child for the row, or the same leaf (leaves are absorbing); no branch on the node's kind. */
function stepTree(a, NODE, THR) {
  var k = NODE[2 * a];
  return NODE[2 * a + 1] + 1 - ((XS[T_SLOT[a]] <= THR[a]) | ((DEC[k >> 5] >>> (k & 31)) & 1));
}
/** The same step when every node is tabled: one bit of DEC decides. */
function stepTabled(a, NODE) {
  var k = NODE[2 * a];
  return NODE[2 * a + 1] + 1 - ((DEC[k >> 5] >>> (k & 31)) & 1);
}
function addLeaf(raw, t, a) {
  var at = a * T_W, o = T_OUT[t];
  for (var w = 0; w < T_W; w++) raw[o + w] += T_VAL[at + w];
}

/** Raw scores of the row in X, then the link; returns T_PROB (binary: [1 - p, p]; regression: [value]). */
function forwardTrees() {
  var raw = T_RAW, k = T_K, j, t, d, NODE = T_NODE, THR = T_THR, VAL = T_VAL, sum = 0;
  for (j = 0; j < k; j++) raw[j] = 0;
  if (!T_ALLTAB) {
    for (j = 0; j < D; j++) {
      var xj = X[j];
      XS[2 * j] = xj !== xj ? -Infinity : xj;
      XS[2 * j + 1] = xj;
    }
  }
  decide();
  for (t = 0; t + 8 <= T_COUNT; t += 8) {
    var a0 = T_ROOT[t], a1 = T_ROOT[t + 1], a2 = T_ROOT[t + 2], a3 = T_ROOT[t + 3], steps = T_GDEPTH[t >> 3];
    var a4 = T_ROOT[t + 4], a5 = T_ROOT[t + 5], a6 = T_ROOT[t + 6], a7 = T_ROOT[t + 7];
    if (T_ALLTAB) {
      for (d = 0; d < steps; d++) {
        a0 = stepTabled(a0, NODE); a1 = stepTabled(a1, NODE); a2 = stepTabled(a2, NODE); a3 = stepTabled(a3, NODE);
        a4 = stepTabled(a4, NODE); a5 = stepTabled(a5, NODE); a6 = stepTabled(a6, NODE); a7 = stepTabled(a7, NODE);
      }
    } else {
      for (d = 0; d < steps; d++) {
        a0 = stepTree(a0, NODE, THR); a1 = stepTree(a1, NODE, THR); a2 = stepTree(a2, NODE, THR); a3 = stepTree(a3, NODE, THR);
        a4 = stepTree(a4, NODE, THR); a5 = stepTree(a5, NODE, THR); a6 = stepTree(a6, NODE, THR); a7 = stepTree(a7, NODE, THR);
      }
    }
    // One output (binary, regression): summed in a local, in the same order as into raw[0].
    if (T_ONE) { sum += VAL[a0]; sum += VAL[a1]; sum += VAL[a2]; sum += VAL[a3]; sum += VAL[a4]; sum += VAL[a5]; sum += VAL[a6]; sum += VAL[a7]; }
    else {
      addLeaf(raw, t, a0); addLeaf(raw, t + 1, a1); addLeaf(raw, t + 2, a2); addLeaf(raw, t + 3, a3);
      addLeaf(raw, t + 4, a4); addLeaf(raw, t + 5, a5); addLeaf(raw, t + 6, a6); addLeaf(raw, t + 7, a7);
    }
  }
  if (T_ONE) raw[0] = sum;
  for (; t < T_COUNT; t++) {
    var a = T_ROOT[t];
    for (d = T_GDEPTH[t >> 3]; d > 0; d--) a = stepTree(a, NODE, THR);
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
