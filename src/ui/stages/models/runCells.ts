import type { RunColumn, RunRow } from '../../../state/registryRows';
import { cellText } from './cellText';

/**
 * Attachment for a row of the runs table: puts one plain `<td>` per shown column before the row's
 * last cell (its actions), and takes them out again when the row or the columns change. A page of
 * 50 runs × a dozen columns built as Svelte blocks made ~600 blocks and effects per mount, most of
 * the table's script time and garbage; these cells show text only, so they need none.
 */
export function runCells(row: RunRow, columns: readonly RunColumn[]): (tr: HTMLTableRowElement) => () => void {
  return (tr) => {
    const cells = columns.map((column) => {
      const td = document.createElement('td');
      if (column.numeric) td.className = 'num';
      if (column.key === 'status') {
        // The markup of StatusBadge.svelte, whose styles are global for this reason.
        const badge = td.appendChild(document.createElement('span'));
        badge.className = `badge run-status status-${row.status}`;
        badge.textContent = row.status;
      } else {
        td.textContent = cellText(row, column.key);
      }
      return td;
    });
    tr.lastElementChild!.before(...cells);
    return () => {
      for (const td of cells) td.remove();
    };
  };
}
