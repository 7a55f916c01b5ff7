/** The pure helpers behind the studio's A/B analysis and `modelbench ab-bundle`: log reading, table fingerprints, the README. */
import { describe, expect, test } from 'vitest';
import { parseCsv } from '../../../../src/core/table';
import { abReadme, experimentRows, logVariants, planRouter, tableFingerprint } from '../../../../src/core/abtest';

const csv = (text: string) => parseCsv(new TextEncoder().encode(text), { fileName: 'log.csv' }).table;

describe('logVariants / experimentRows', () => {
  const log = csv('unitId,variant,prediction,timestamp,shadow,conversion\nu1,b,x,1,false,1\nu2,a,x,2,false,0\nu3,a,x,3,true,1\nu4,b,x,4,false,true\n');
  test('lists variants in an order the rows cannot change, the outcome columns and the shadow rows', () => {
    expect(logVariants(log)).toEqual({ variants: ['a', 'b'], metrics: ['conversion'], shadowRows: 1 });
    expect(logVariants(csv('unitId,variant,conversion\nu1,treatment,1\nu2,control,0\nu3,beta,1\n')).variants).toEqual(['control', 'beta', 'treatment']);
  });
  test('a numeric timestamp column puts rows in time order', () => {
    const shuffled = csv('unitId,variant,timestamp,conversion\nu3,b,30,1\nu1,a,10,0\nu2,b,20,1\n');
    expect(experimentRows(shuffled, 'conversion').map((r) => r.unitId)).toEqual(['u1', 'u2', 'u3']);
  });
  test('leaves shadow rows out and reads 0/1 and true/false', () => {
    expect(experimentRows(log, 'conversion')).toEqual([
      { unitId: 'u1', variant: 'b', conversion: 1 },
      { unitId: 'u2', variant: 'a', conversion: 0 },
      { unitId: 'u4', variant: 'b', conversion: 1 },
    ]);
  });
  test('names the missing columns and the bad cell', () => {
    expect(() => experimentRows(log, 'value')).toThrow(/lacks column\(s\) value .*needs unitId, variant and value/);
    expect(() => experimentRows(csv('unitId,variant,value\nu1,a,lots\n'), 'value')).toThrow(/Row 1 of "log.csv" has value "lots", not a number/);
    expect(() => logVariants(csv('unit,x\n1,2\n'))).toThrow(/has no variant column/);
  });
});

describe('tableFingerprint', () => {
  test('is equal for the same content and differs when one cell changes', async () => {
    const a = await tableFingerprint(csv('x,y\n1,a\n2,b\n'));
    expect(a).toMatch(/^table:[0-9a-f]{64}$/);
    expect(await tableFingerprint(csv('x,y\r\n1,a\r\n2,b\r\n'))).toBe(a);
    expect(await tableFingerprint(csv('x,y\n1,a\n3,b\n'))).not.toBe(a);
  });
});

describe('abReadme', () => {
  test('states the split, the champion, shadow mode and the log format', () => {
    const text = abReadme(planRouter({ weights: [{ name: 'old', weight: 90 }, { name: 'new', weight: 10 }], shadow: true }));
    expect(text).toContain('| old (champion) | 90 % | `variants/old/scorer.mjs` |');
    expect(text).toContain('| new | 10 % |');
    expect(text).toContain('Shadow mode is on in this bundle');
    expect(text).toContain('unitId,variant,prediction,timestamp,shadow');
    expect(text).toContain('modelbench ab-analyze joined.csv --weights old=90,new=10 --outcome converted');
  });
  test('names the champion first in the ab-analyze example even when it is not the first variant', () => {
    const text = abReadme(planRouter({ weights: [{ name: 'new', weight: 25 }, { name: 'old', weight: 75 }], champion: 'old' }));
    expect(text).toContain('--weights old=75,new=25 ');
  });
});
