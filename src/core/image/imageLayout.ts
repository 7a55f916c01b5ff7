import { formatCount } from '../format';
import { cellText, DataError, parseCsv } from '../table';

/** One file of a folder or zip: its path inside it (slash-separated) and a way to read its bytes. */
export interface ImageEntry {
  path: string;
  read: () => Promise<Uint8Array>;
}

/** A file left out of the dataset, and why (shown to the user, never fatal). */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** Where each image's label comes from, once the layout is understood. */
export interface ImageLayout {
  /** `folders`: one subfolder per class; `csv`: a CSV of file names and labels. */
  kind: 'folders' | 'csv';
  classNames: string[];
  items: { entry: ImageEntry; label: number }[];
  skipped: SkippedFile[];
}

const IMAGE = /\.(png|jpe?g|webp|gif|bmp)$/i;
/** Files a file manager or an archiver adds, dropped without a word. */
const SYSTEM = /(^|\/)(\.[^/]*|__MACOSX|Thumbs\.db|desktop\.ini)(\/|$)/i;
const FILE_COLUMNS = ['file', 'filename', 'file_name', 'image', 'image_name', 'image_id', 'path', 'filepath', 'name', 'id'];
const LABEL_COLUMNS = ['label', 'class', 'category', 'target', 'y', 'species'];

const expected = (name: string) =>
  `Expected one subfolder per class, such as ${name.replace(/\.zip$/i, '')}/cat/001.png and ${name.replace(/\.zip$/i, '')}/dog/002.png (the ImageFolder layout), or images beside a CSV with a file-name column and a label column.`;

/**
 * Understands a folder's or zip's files as a labelled image dataset: class subfolders (after any
 * folder that wraps everything), or a CSV of file names and labels beside the images. Non-image
 * files are listed as skipped; a layout that gives no labelled image is a `DataError` saying what
 * layout is expected.
 */
export async function imageLayout(entries: ImageEntry[], name: string): Promise<ImageLayout> {
  // Sorted by path, so a folder gives the same rows (and features file) however it was listed.
  const files = entries.filter((e) => !SYSTEM.test(e.path) && !e.path.endsWith('/')).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const prefix = commonFolder(files.map((e) => e.path));
  const relative = (path: string) => path.slice(prefix.length);
  const images = files.filter((e) => IMAGE.test(e.path));
  const csvs = files.filter((e) => /\.csv$/i.test(e.path));
  const others = files.filter((e) => !IMAGE.test(e.path) && !csvs.includes(e));
  const skipped: SkippedFile[] = others.map((e) => ({ path: e.path, reason: 'not an image file (PNG, JPEG, WebP or GIF)' }));
  if (images.length === 0) {
    // A folder of tables given where a table was meant: say how to open one, before the image layout.
    const table = files.find((e) => /\.(csv|tsv|txt|json|ndjson|jsonl|parquet|arrow|feather)$/i.test(e.path));
    const tableHint = table ? ` To open a table instead, name the file itself, such as "${table.path}".` : '';
    throw new DataError(`"${name}" holds no images (PNG, JPEG, WebP or GIF)${files.length ? `, only ${files.length} other file${files.length === 1 ? '' : 's'}` : ''}.${tableHint} ${expected(name)}`, { file: name, code: 'no-images' });
  }
  if (csvs.length === 1) return { kind: 'csv', ...(await csvLabels(csvs[0], images, relative, skipped)) };
  if (csvs.length > 1) skipped.push(...csvs.map((e) => ({ path: e.path, reason: 'a CSV, and there is more than one, so none is used for labels' })));
  const flat = images.filter((e) => !relative(e.path).includes('/'));
  const notInFolders = () =>
    new DataError(`The ${formatCount(images.length)} images in "${name}" are not in class subfolders. ${expected(name)} Move each image into a folder named after its class, or add a CSV with columns "file" and "label".`, { file: name, code: 'flat-folder' });
  if (flat.length === images.length) throw notInFolders();
  skipped.push(...flat.map((e) => ({ path: e.path, reason: 'not inside a class subfolder, so it has no label' })));
  const classOf = (e: ImageEntry) => relative(e.path).split('/')[0];
  const classNames = [...new Set(images.filter((e) => !flat.includes(e)).map(classOf))].sort();
  if (classNames.length === 1) {
    throw new DataError(`All the ${formatCount(images.length)} images in "${name}" are in one folder ("${classNames[0]}"), so there is no second class to tell apart. ${expected(name)} Put each class's images in a subfolder of its own.`, { file: name, code: 'one-class' });
  }
  const items = images.filter((e) => !flat.includes(e)).map((entry) => ({ entry, label: classNames.indexOf(classOf(entry)) }));
  return { kind: 'folders', classNames, items, skipped };
}

/** The folder path (with its slash) that wraps every file, e.g. "shapes/" for a zipped folder. */
function commonFolder(paths: string[]): string {
  let prefix = '';
  for (;;) {
    const first = paths[0]?.slice(prefix.length).split('/') ?? [];
    if (first.length < 2) return prefix;
    const next = `${prefix}${first[0]}/`;
    // Stop when one more level would leave no file in a subfolder: that level holds the classes.
    if (!paths.every((p) => p.startsWith(next)) || !paths.some((p) => p.slice(next.length).includes('/'))) return prefix;
    prefix = next;
  }
}

async function csvLabels(csv: ImageEntry, images: ImageEntry[], relative: (p: string) => string, skipped: SkippedFile[]) {
  const { table } = parseCsv(await csv.read(), { fileName: csv.path });
  const lower = table.columns.map((c) => c.name.trim().toLowerCase());
  const pick = (names: string[], fallback: number) => {
    const i = lower.findIndex((n) => names.includes(n));
    return i >= 0 ? i : table.columns.length === 2 ? fallback : -1;
  };
  const fileColumn = pick(FILE_COLUMNS, 0);
  const labelColumn = pick(LABEL_COLUMNS, 1);
  if (fileColumn < 0 || labelColumn < 0 || fileColumn === labelColumn) {
    throw new DataError(
      `"${csv.path}" does not say which column holds the file names and which the labels (its columns are ${table.columns.map((c) => `"${c.name}"`).join(', ')}). Name them "file" and "label".`,
      { file: csv.path, code: 'csv-columns' },
    );
  }
  // Rows name files relative to the CSV, or by their bare file name.
  const folder = relative(csv.path).includes('/') ? relative(csv.path).replace(/[^/]+$/, '') : '';
  const byPath = new Map<string, ImageEntry>();
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  for (const e of images) {
    byPath.set(relative(e.path).slice(relative(e.path).startsWith(folder) ? folder.length : 0), e);
    if (!byPath.has(base(e.path))) byPath.set(base(e.path), e);
  }
  const labelled = new Map<ImageEntry, string>();
  for (let row = 0; row < table.rowCount; row++) {
    const file = cellText(table.columns[fileColumn], row).trim().replace(/^\.\//, '');
    const label = cellText(table.columns[labelColumn], row).trim();
    if (!file) continue;
    const entry = byPath.get(file) ?? byPath.get(base(file));
    if (!entry) skipped.push({ path: file, reason: `listed in ${csv.path} (row ${row + 2}) but not found` });
    else if (!label) skipped.push({ path: entry.path, reason: `its label in ${csv.path} (row ${row + 2}) is empty` });
    else labelled.set(entry, label);
  }
  for (const e of images) if (!labelled.has(e) && !skipped.some((s) => s.path === e.path)) skipped.push({ path: e.path, reason: `not listed in ${csv.path}, so it has no label` });
  if (labelled.size === 0) {
    throw new DataError(`No image is listed in "${csv.path}": its "${table.columns[fileColumn].name}" column names none of the ${formatCount(images.length)} images beside it. Write each image's path relative to the CSV (or its file name).`, { file: csv.path, code: 'csv-unmatched' });
  }
  const classNames = [...new Set(labelled.values())].sort();
  const items = [...labelled].map(([entry, label]) => ({ entry, label: classNames.indexOf(label) }));
  return { classNames, items, skipped };
}
