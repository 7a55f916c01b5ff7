/**
 * The body of scorer.mjs: plain ES2017 with no imports, eval or Function, so it runs unchanged in
 * a browser page, a worker and Node 18+. It reads `SPEC` (declared before it by `scorerSource`),
 * compiles the fitted recipe into closures over two scratch arrays at load, and scores a row with
 * no allocation in the preprocessing or the forward pass. `coerce` mirrors coerceCell.ts. A tree
 * ensemble's pass (`TREES`, `forwardTrees`) comes from scorerTrees.ts, appended after this text.
 * Kept as text (no template literals inside) because it is shipped, not executed, by the studio.
 */
export const SCORER_RUNTIME = String.raw`
var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?Infinity$/;
var ISO_LOCAL = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/;
var TRUE = new Set(['true', 'yes', '1']);
var FALSE = new Set(['false', 'no', '0']);
var STRING_TYPES = new Set(['categorical', 'text', 'identifier']);
var PERIOD = { month: 12, weekday: 7, hour: 24 };
var PART_INDEX = { year: 0, month: 1, day: 2, weekday: 3, hour: 4 };
var ERROR = null;

function showValue(v) {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '\u2026' : v);
  return String(v);
}
function parseDate(s) {
  var local = ISO_LOCAL.exec(s);
  if (local) return Date.parse(local[1] + 'T' + (local[2] === undefined ? '00:00:00' : local[2]) + 'Z');
  return Date.parse(s);
}
function missingColumn(name) {
  return "Column '" + name + "' is missing from the row; add it (null marks a missing value).";
}
function notNumber(v, name) {
  return "Column '" + name + "' holds " + showValue(v) + ', which is not a number; send a number, a numeric string or null.';
}
/** Returns the cell as a number (NaN = missing) or a string/null; on a bad cell sets ERROR. */
function coerce(v, name, type, isString) {
  if (isString) {
    if (v === null || v === undefined || v === '') return null;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    ERROR = "Column '" + name + "' holds " + showValue(v) + ', which is not text; send a string or null.';
    return null;
  }
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (type === 'datetime' && typeof v === 'object' && typeof v.getTime === 'function') return v.getTime();
  if (typeof v !== 'string') { ERROR = notNumber(v, name); return NaN; }
  var s = v.trim();
  if (s === '') return NaN;
  if (NUMBER.test(s)) return Number(s);
  if (type === 'datetime') {
    var ms = parseDate(s);
    if (ms === ms) return ms;
    ERROR = "Column '" + name + "' holds " + showValue(v) + ', which is not a date; send an ISO 8601 string (2024-05-01T12:00:00Z), epoch milliseconds or null.';
    return NaN;
  }
  if (type === 'boolean') {
    var t = s.toLowerCase();
    if (TRUE.has(t)) return 1;
    if (FALSE.has(t)) return 0;
    ERROR = "Column '" + name + "' holds " + showValue(v) + ', which is not a boolean; send true/false, 1/0 or null.';
    return NaN;
  }
  ERROR = notNumber(v, name);
  return NaN;
}

function floats(b64) {
  var bin = atob(b64);
  var view = new DataView(new ArrayBuffer(bin.length));
  for (var i = 0; i < bin.length; i++) view.setUint8(i, bin.charCodeAt(i));
  var out = new Float32Array(bin.length / 4);
  for (var j = 0; j < out.length; j++) out[j] = view.getFloat32(j * 4, true);
  return out;
}

/** Civil date parts of epoch ms (UTC) into DT: year, month 1-12, day, weekday 0=Sunday, hour. */
var DT = new Float64Array(5);
function civil(ms) {
  if (!isFinite(ms)) { DT.fill(NaN); return; }
  var days = Math.floor(ms / 86400000);
  DT[4] = Math.floor((ms - days * 86400000) / 3600000);
  DT[3] = days + 4 - 7 * Math.floor((days + 4) / 7);
  var z = days + 719468;
  var era = Math.floor(z / 146097);
  var doe = z - era * 146097;
  var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  var doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  var mp = Math.floor((5 * doy + 2) / 153);
  var m = mp < 10 ? mp + 3 : mp - 9;
  DT[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
  DT[1] = m;
  DT[2] = doy - Math.floor((153 * mp + 2) / 5) + 1;
}
function yeoJohnson(x, lambda) {
  if (x >= 0) return Math.abs(lambda) < 1e-12 ? Math.log1p(x) : (Math.pow(x + 1, lambda) - 1) / lambda;
  return Math.abs(lambda - 2) < 1e-12 ? -Math.log1p(-x) : -(Math.pow(1 - x, 2 - lambda) - 1) / (2 - lambda);
}

var numIndex = new Map();
var strIndex = new Map();
var nNum = 0;
var nStr = 0;
var NUM;
var STR;
var OPS = [];
function setNum(name) { strIndex.delete(name); numIndex.set(name, nNum); return nNum++; }
function setStr(name) { numIndex.delete(name); strIndex.set(name, nStr); return nStr++; }
function slotOf(index, name, kind) {
  var s = index.get(name);
  if (s === undefined) throw new Error("preprocess: step '" + kind + "' needs column '" + name + "', which is not there at that point; the bundle is damaged, export it again.");
  return s;
}

var INPUTS = SPEC.inputs.map(function (c) {
  var isString = STRING_TYPES.has(c.type);
  return { name: c.name, type: c.type, str: isString, slot: isString ? setStr(c.name) : setNum(c.name) };
});

function compileImpute(c) {
  var m = -1;
  if (strIndex.has(c.name)) {
    var ss = strIndex.get(c.name);
    var sfill = String(c.fill);
    if (c.indicator) m = setNum(c.name + '_missing');
    OPS.push(function () {
      var miss = STR[ss] === null;
      if (miss) STR[ss] = sfill;
      if (m >= 0) NUM[m] = miss ? 1 : 0;
    });
    return;
  }
  var s = slotOf(numIndex, c.name, 'impute');
  var fill = Number(c.fill);
  if (c.indicator) m = setNum(c.name + '_missing');
  OPS.push(function () {
    var miss = NUM[s] !== NUM[s];
    if (miss) NUM[s] = fill;
    if (m >= 0) NUM[m] = miss ? 1 : 0;
  });
}
function compileEncode(method, c) {
  var s = slotOf(strIndex, c.name, 'encode');
  var index = new Map(c.vocabulary.map(function (v, i) { return [v, i]; }));
  if (method === 'onehot') {
    var names = c.vocabulary.map(function (v) { return c.name + '=' + v; });
    if (c.other) names.push(c.name + '=(other)');
    strIndex.delete(c.name);
    var slots = Int32Array.from(names.map(setNum));
    var k = c.vocabulary.length;
    var other = !!c.other;
    OPS.push(function () {
      for (var j = 0; j < slots.length; j++) NUM[slots[j]] = 0;
      var v = STR[s];
      if (v === null) return;
      var at = index.get(v);
      if (at === undefined) at = other ? k : -1;
      if (at >= 0) NUM[slots[at]] = 1;
    });
    return;
  }
  var embedding = method === 'embedding';
  var t = setNum(c.name);
  OPS.push(function () {
    var v = STR[s];
    var at = v === null ? undefined : index.get(v);
    NUM[t] = embedding ? (at === undefined ? 0 : at + 1) : (at === undefined ? -1 : at);
  });
}
function compileDatetime(step, name) {
  var s = slotOf(numIndex, name, 'datetime');
  numIndex.delete(name);
  var outs = [];
  step.parts.forEach(function (p) {
    var period = PERIOD[p];
    if (step.cyclic && period) outs.push(PART_INDEX[p], period, setNum(name + '_' + p + '_sin'), setNum(name + '_' + p + '_cos'));
    else outs.push(PART_INDEX[p], 0, setNum(name + '_' + p), -1);
  });
  OPS.push(function () {
    civil(NUM[s]);
    for (var i = 0; i < outs.length; i += 4) {
      var v = DT[outs[i]];
      if (outs[i + 1] === 0) NUM[outs[i + 2]] = v;
      else { var angle = (2 * Math.PI * v) / outs[i + 1]; NUM[outs[i + 2]] = Math.sin(angle); NUM[outs[i + 3]] = Math.cos(angle); }
    }
  });
}
function compileStep(step) {
  if (step.kind === 'drop') step.columns.forEach(function (n) { numIndex.delete(n); strIndex.delete(n); });
  else if (step.kind === 'impute') step.columns.forEach(compileImpute);
  else if (step.kind === 'encode') step.columns.forEach(function (c) { compileEncode(step.method, c); });
  else if (step.kind === 'datetime') step.columns.forEach(function (n) { compileDatetime(step, n); });
  else if (step.kind === 'scale') step.columns.forEach(function (c) {
    var s = slotOf(numIndex, c.name, 'scale'), center = c.center, scale = c.scale;
    OPS.push(function () { NUM[s] = (NUM[s] - center) / scale; });
  });
  else if (step.kind === 'power') step.columns.forEach(function (c) {
    var s = slotOf(numIndex, c.name, 'power');
    if (step.method === 'log') { var shift = c.shift; OPS.push(function () { NUM[s] = Math.log1p(Math.max(0, NUM[s] + shift)); }); }
    else { var lambda = c.lambda; OPS.push(function () { NUM[s] = yeoJohnson(NUM[s], lambda); }); }
  });
  else if (step.kind === 'clip') step.columns.forEach(function (c) {
    var s = slotOf(numIndex, c.name, 'clip');
    var lower = c.lower === null ? -Infinity : c.lower, upper = c.upper === null ? Infinity : c.upper;
    OPS.push(function () { NUM[s] = Math.min(upper, Math.max(lower, NUM[s])); });
  });
  else throw new Error("preprocess: step '" + step.kind + "' cannot run in scorer.mjs.");
}
SPEC.steps.forEach(compileStep);
NUM = new Float64Array(nNum);
STR = new Array(nStr).fill(null);
var FEAT = Int32Array.from(SPEC.featureNames.map(function (n) { return slotOf(numIndex, n, 'features'); }));
var D = FEAT.length;
var X = new Float32Array(D);

var LAYERS = SPEC.model.layers.map(function (l) {
  return { inputs: l.inputs, units: l.units, act: l.activation, K: floats(l.kernel), B: floats(l.bias), out: new Float64Array(l.units) };
});
var EMBEDS = SPEC.model.embeddings.map(function (e) { return { feature: e.feature, size: e.size, width: e.width, T: floats(e.table) }; });
var PLAIN = Int32Array.from(SPEC.model.plain);
var H0 = new Float64Array(LAYERS.length ? LAYERS[0].inputs : 0);

function activate(act, a) {
  var n = a.length, i;
  if (act === 'relu') { for (i = 0; i < n; i++) if (a[i] < 0) a[i] = 0; }
  else if (act === 'sigmoid') { for (i = 0; i < n; i++) a[i] = 1 / (1 + Math.exp(-a[i])); }
  else if (act === 'tanh') { for (i = 0; i < n; i++) a[i] = Math.tanh(a[i]); }
  else if (act === 'elu') { for (i = 0; i < n; i++) if (a[i] < 0) a[i] = Math.exp(a[i]) - 1; }
  else if (act === 'selu') { for (i = 0; i < n; i++) a[i] = 1.0507009873554805 * (a[i] > 0 ? a[i] : 1.6732632423543772 * (Math.exp(a[i]) - 1)); }
  else if (act === 'softmax') {
    var max = -Infinity, sum = 0;
    for (i = 0; i < n; i++) if (a[i] > max) max = a[i];
    for (i = 0; i < n; i++) { a[i] = Math.exp(a[i] - max); sum += a[i]; }
    for (i = 0; i < n; i++) a[i] /= sum;
  }
}
function forward() {
  var w = 0, i, j;
  for (i = 0; i < PLAIN.length; i++) H0[w++] = X[PLAIN[i]];
  for (var e = 0; e < EMBEDS.length; e++) {
    var E = EMBEDS[e];
    var code = Math.round(X[E.feature]);
    if (!(code >= 0)) code = 0;
    if (code > E.size - 1) code = E.size - 1;
    for (j = 0; j < E.width; j++) H0[w++] = E.T[code * E.width + j];
  }
  var input = H0;
  for (var l = 0; l < LAYERS.length; l++) {
    var L = LAYERS[l], out = L.out, K = L.K, U = L.units;
    for (j = 0; j < U; j++) out[j] = L.B[j];
    for (i = 0; i < L.inputs; i++) {
      var xi = input[i], row = i * U;
      for (j = 0; j < U; j++) out[j] += xi * K[row + j];
    }
    activate(L.act, out);
    input = out;
  }
  return input;
}

var CLASSES = SPEC.classes || [];
var P = new Float64Array(CLASSES.length);

/** Scores one row object; returns { label, probabilities } / { value } or { error }. */
function predictOne(row) {
  if (row === null || typeof row !== 'object') return { error: 'The row is ' + (row === null ? 'null' : typeof row) + ', not an object keyed by column name.' };
  for (var i = 0; i < INPUTS.length; i++) {
    var c = INPUTS[i];
    if (!(c.name in row)) return { error: missingColumn(c.name) };
    var v = coerce(row[c.name], c.name, c.type, c.str);
    if (ERROR !== null) { var message = ERROR; ERROR = null; return { error: message }; }
    if (c.str) STR[c.slot] = v; else NUM[c.slot] = v;
  }
  for (i = 0; i < OPS.length; i++) OPS[i]();
  for (i = 0; i < D; i++) X[i] = NUM[FEAT[i]];
  var out = TREES ? forwardTrees() : forward();
  if (SPEC.task === 'regression') return { value: out[0] };
  if (out.length === 1) { P[0] = 1 - out[0]; P[1] = out[0]; }
  else for (i = 0; i < P.length; i++) P[i] = out[i];
  var best = 0;
  for (i = 1; i < P.length; i++) if (P[i] > P[best]) best = i;
  var probabilities = {};
  for (i = 0; i < P.length; i++) probabilities[CLASSES[i]] = P[i];
  return { label: CLASSES[best], probabilities: probabilities };
}

/** Scores an array of row objects, one output per row in order. */
function predict(rows) {
  if (!Array.isArray(rows)) throw new TypeError('predict(rows) takes an array of row objects; for one row call predictOne(row).');
  var out = new Array(rows.length);
  for (var i = 0; i < rows.length; i++) out[i] = predictOne(rows[i]);
  return out;
}

var meta = { task: SPEC.task, target: SPEC.target, classes: SPEC.classes || null, inputs: SPEC.inputs, featureNames: SPEC.featureNames, model: SPEC.name, version: SPEC.version };
`;
