/** One keyboard shortcut, as the shortcut list shows it. */
export interface Shortcut {
  keys: string;
  action: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: '1 – 6', action: 'Go to a stage: Data, Explore, Prepare, Train, Models, Deploy' },
  { keys: 'g', action: 'Open or close the glossary' },
  { keys: 'p', action: 'Switch presenter mode (large type, high contrast)' },
  { keys: 't', action: 'Start or resume the tour' },
  { keys: '?', action: 'Show this list' },
  { keys: 'Esc', action: 'Close a dialog, popover or the tour' },
];

/**
 * True when a key press should not be treated as a shortcut: it was typed into a field, it
 * carries a modifier (browser and system shortcuts stay theirs) or it is held down.
 */
export function ignoreKey(e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat' | 'target' | 'defaultPrevented'>): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || e.defaultPrevented) return true;
  const t = e.target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!t || !t.tagName) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // Buttons-like inputs take no text, so shortcuts still work when they have focus.
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(t.type ?? 'text');
}
