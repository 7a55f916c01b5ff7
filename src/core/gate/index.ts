/**
 * The CI/CD gate: may a challenger replace the champion? Policy, checks (metric by the paired test,
 * improvement with confidence, latency, size, schema, slices), the verdict and its exit code, and
 * the report as Markdown, JUnit XML and GitHub annotations.
 */
export { DEFAULT_POLICY, GatePolicyError, parseGatePolicy, type GatePolicy } from './gatePolicy';
export { compareSlices, type SliceComparison } from './compareSlices';
export type { CheckStatus, GateCheck, GateModel, SqlScoring } from './gateChecks';
export { gateReport, type GateInput, type GateReport, type GateVerdict } from './gateReport';
export { gateMarkdown, githubAnnotations, GATE_MARKER, COMMENT_LIMIT } from './gateMarkdown';
export { gateJunit } from './gateJunit';
