import { describe, expect, test } from 'vitest';
import { rowsSentence } from '../../../../src/core/explain';

describe('rowsSentence', () => {
  test('says what was tested and trained on, and each kind of row left out, in the singular where one', () => {
    expect(rowsSentence({ train: 158, test: 40, missingTarget: 0 })).toBe('Tested on 40 held-out rows (trained on 158).');
    expect(rowsSentence({ train: 1, test: 1, missingTarget: 1, unseenClass: 1, removedByRowSteps: 1 })).toBe(
      "Tested on 1 held-out row (trained on 1); 1 row without a target was left out; 1 test row whose class never occurred in training was left out; the recipe's row steps left out 1 row.",
    );
    expect(rowsSentence({ train: 160_000, test: 40_000, missingTarget: 2_500, unseenClass: 3 })).toBe(
      'Tested on 40,000 held-out rows (trained on 160,000); 2,500 rows without a target were left out; 3 test rows whose class never occurred in training were left out.',
    );
  });
});
