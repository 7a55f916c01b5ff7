/**
 * Deploy: portable bundles (TF.js files, ONNX, scorer.mjs, demo page, model card, manifest),
 * the latency bench and gate, batch scoring and drift.
 */
export type { Activation, DenseLayer, EmbeddingTable, PortableModel, RowPrediction, Preprocess } from './types';
export { DeployError } from './errors';
export { modelFromLayersFiles, modelFromBaseline, modelFromTrees } from './portableModel';
export { treeSummary, treesKindWords, type TreeSummary } from './treeSummary';
export { requiredInputs, assertPortable } from './requiredInputs';
export { coerceCell, type Cell } from './coerceCell';
export { scorerModule, scorerClassicScript, type ScorerIdentity } from './scorerSource';
export { exportOnnx } from './onnx/exportOnnx';
export { graphBuilder, ML, type GraphBuilder } from './onnx/graphBuilder';
export { classifierOutputs } from './onnx/networkGraph';
export { encodeModel } from './onnx/encodeModel';
export { base64Floats, floatsBase64 } from './base64';
export { DT } from './onnx/onnxTypes';
export { onnxInputNames } from './onnx/inputNames';
export { onnxInputs, type OnnxInputs, type OnnxFeed } from './onnxInputs';
export { buildBundle, portableOf, type BundleInput, type Bundle } from './bundle';
export { buildManifest, verifyBundle, MANIFEST_FORMAT, type Manifest, type BundleCheck } from './manifest';
export { sha256HexSync as sha256Hex } from '../hash';
export { modelCard, type CardInfo } from './card';
export { slicesSection } from './cardSlices';
export { explanationSection } from './cardExplanation';
export { demoPage } from './demoPage';
export { escapeMarkdown } from './escape';
export { measureLatency, latencyGate, type LatencyOptions, type LatencyReport, type GateResult } from './latency';
export { checkSchema, type SchemaCheck } from './checkSchema';
export { scoreTable, type RowScorer, type ScoreTableOptions, type ScoredTable } from './scoreTable';
export { predictionsFile, predictionsFormatOf, PREDICTIONS_EXTENSIONS, PREDICTIONS_MIME, type PredictionsFormat } from './predictionsFile';
export { psi, PSI_EPSILON, type PsiResult, type PsiBin, type DriftBand, type DriftColumn } from './psi';
export { driftReport, type DriftReport } from './driftReport';
export { driftProfile, type DriftProfile } from './driftProfile';
export { suggestModelName } from './modelName';
export { inputExamples, type InputExample } from './inputExamples';
export { abServeGuide, serveGuide } from './serveGuide';
export { exampleTable } from './exampleTable';
export { compileSql, SQL_DIALECTS, SQL_FORMS, type SqlDialectName, type SqlForm, type CompileSqlOptions } from './sql';
