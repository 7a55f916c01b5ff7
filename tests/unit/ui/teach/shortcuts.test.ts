import { describe, expect, test } from 'vitest';
import { ignoreKey, SHORTCUTS } from '../../../../src/ui/teach/shortcuts';

const key = (target: object | null, extra: Partial<KeyboardEvent> = {}) =>
  ({ ctrlKey: false, metaKey: false, altKey: false, repeat: false, defaultPrevented: false, target, ...extra }) as KeyboardEvent;

describe('ignoreKey', () => {
  test.each([
    ['text input', { tagName: 'INPUT', type: 'text' }, true],
    ['search input', { tagName: 'INPUT', type: 'search' }, true],
    ['number input', { tagName: 'INPUT', type: 'number' }, true],
    ['textarea', { tagName: 'TEXTAREA' }, true],
    ['select', { tagName: 'SELECT' }, true],
    ['contenteditable', { tagName: 'DIV', isContentEditable: true }, true],
    ['checkbox', { tagName: 'INPUT', type: 'checkbox' }, false],
    ['button', { tagName: 'BUTTON' }, false],
    ['body', { tagName: 'BODY' }, false],
  ])('%s → ignored: %s', (_, target, expected) => {
    expect(ignoreKey(key(target))).toBe(expected);
  });

  test('modifiers, repeats and handled events are never shortcuts', () => {
    const body = { tagName: 'BODY' };
    for (const extra of [{ ctrlKey: true }, { metaKey: true }, { altKey: true }, { repeat: true }, { defaultPrevented: true }]) {
      expect(ignoreKey(key(body, extra))).toBe(true);
    }
    expect(ignoreKey(key(null))).toBe(false);
  });

  test('the list names the stage digits, glossary, presenter, tour and help keys', () => {
    expect(SHORTCUTS.map((s) => s.keys)).toEqual(['1 – 6', 'g', 'p', 't', '?', 'Esc']);
  });
});
