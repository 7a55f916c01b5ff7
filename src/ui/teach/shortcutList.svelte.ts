/** Whether the keyboard shortcut list is showing; shared by the "?" key and the toolbar button. */
export const shortcutList = $state({ open: false });
