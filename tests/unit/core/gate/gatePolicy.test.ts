import { describe, expect, test } from 'vitest';
import { DEFAULT_POLICY, GatePolicyError, parseGatePolicy } from '../../../../src/core/gate';

describe('parseGatePolicy', () => {
  test('fills missing keys from the defaults', () => {
    const policy = parseGatePolicy('{"metric": {"margin": 0.02}, "latency": {"p99Ms": null}}', 'gate.json');
    expect(policy.metric.margin).toBe(0.02);
    expect(policy.latency.p99Ms).toBeNull();
    expect(policy.latency.sqlRowsPerSecond).toBeNull();
    expect(policy.slices).toEqual(DEFAULT_POLICY.slices);
    expect(policy.confidence).toBe(0.95);
  });
  test('an empty object is the default policy, which it does not share', () => {
    const policy = parseGatePolicy('{}', 'gate.json');
    expect(policy).toEqual(DEFAULT_POLICY);
    policy.metric.margin = 0.5;
    expect(DEFAULT_POLICY.metric.margin).toBe(0.01);
  });
  test.each([
    ['{"metric": {"margin": 2}}', /gate\.json: "metric\.margin" must be a number from 0 to 1; got 2/],
    ['{"metric": {"marign": 0.1}}', /unknown key "metric\.marign"; "metric" takes margin/],
    ['{"latncy": {}}', /unknown key "latncy"; the keys are confidence, metric/],
    ['{"confidence": 95}', /"confidence" must be a number from 0\.5 to 0\.999 \(0\.95 means 95 %\); got 95/],
    ['{"latency": {"sqlRowsPerSecond": "fast"}}', /"latency\.sqlRowsPerSecond" must be a number above 0 upwards, or null to skip the check; got "fast"/],
    ['{"size": {"maxBytes": -3}}', /"size\.maxBytes" must be a whole number of at least 1, or null to skip the check; got -3/],
    ['{"schema": {"allowNewColumns": "x"}}', /"schema\.allowNewColumns" must be a list of column names, or true to allow any/],
    ['{"slices": []}', /"slices" must be an object such as \{"margin":0\.05/],
    ['[1]', /must hold one JSON object/],
    ['{"metric": ', /gate\.json is not valid JSON/],
  ])('refuses %s, naming the key', (text, message) => {
    expect(() => parseGatePolicy(text, 'gate.json')).toThrow(GatePolicyError);
    expect(() => parseGatePolicy(text, 'gate.json')).toThrow(message);
  });
  test('allows any new column with true', () => {
    expect(parseGatePolicy('{"schema": {"allowNewColumns": true}}', 'p').schema.allowNewColumns).toBe(true);
  });
});
