/** The gate's verdict: every check run on the measured facts, and the exit code CI acts on. */
import type { ModelComparison } from '../abtest';
import type { SliceComparison } from './compareSlices';
import { improvementCheck, latencyCheck, metricCheck, schemaCheck, sizeCheck, sliceCheck, type GateCheck, type GateModel } from './gateChecks';
import type { GatePolicy } from './gatePolicy';

export type GateVerdict = 'pass' | 'fail' | 'inconclusive';

/** Exit codes of `modelbench gate`: 2 is reserved for invalid input or usage. */
export const GATE_EXIT: Record<GateVerdict, 0 | 1 | 3> = { pass: 0, fail: 1, inconclusive: 3 };

export interface GateInput {
  champion: GateModel;
  challenger: GateModel;
  /** The paired comparison of the two on the test rows (champion first). */
  comparison: ModelComparison;
  slices: SliceComparison[] | null;
  policy: GatePolicy;
  /** The test file as named on the command line, and the rows both models were compared on. */
  test: { file: string; rows: number; dropped: number };
}

export interface GateReport {
  verdict: GateVerdict;
  exitCode: 0 | 1 | 3;
  champion: { name: string; bytes: number };
  challenger: { name: string; bytes: number };
  test: GateInput['test'];
  checks: GateCheck[];
  policy: GatePolicy;
}

/** Fail when any check fails; inconclusive when none fails but one cannot decide; else pass. */
export function gateReport(input: GateInput): GateReport {
  const { champion, challenger, comparison, policy } = input;
  const checks = [
    metricCheck(comparison, policy),
    improvementCheck(comparison, policy),
    latencyCheck(champion, challenger, policy),
    sizeCheck(champion, challenger, policy),
    schemaCheck(champion, challenger, policy),
    sliceCheck(input.slices, policy),
  ];
  const verdict: GateVerdict = checks.some((c) => c.status === 'fail') ? 'fail' : checks.some((c) => c.status === 'inconclusive') ? 'inconclusive' : 'pass';
  return {
    verdict,
    exitCode: GATE_EXIT[verdict],
    champion: { name: champion.name, bytes: champion.bytes },
    challenger: { name: challenger.name, bytes: challenger.bytes },
    test: input.test,
    checks,
    policy,
  };
}
