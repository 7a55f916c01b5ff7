import type { InputColumn } from '../../recipe';

/** Graph outputs; an input with one of these names gets `_input` appended. */
export const OUTPUT_NAMES = ['probabilities', 'label', 'label_index', 'value'];

/**
 * ONNX input name of each column: characters other than letters, digits and `_` become `_`, a
 * leading digit or `__` (reserved for internal values) gets an `x` in front, and clashes get `_2`, `_3`….
 */
export function onnxInputNames(inputs: InputColumn[]): string[] {
  const used = new Set<string>(OUTPUT_NAMES);
  return inputs.map((c) => {
    let base = c.name.replace(/[^A-Za-z0-9_]/g, '_') || 'x';
    if (/^(\d|__)/.test(base)) base = `x${base}`;
    if (OUTPUT_NAMES.includes(base)) base = `${base}_input`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  });
}
