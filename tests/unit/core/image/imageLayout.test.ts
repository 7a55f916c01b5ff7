import { describe, expect, test } from 'vitest';
import { imageLayout, type ImageEntry } from '../../../../src/core/image';

const entry = (path: string, text = ''): ImageEntry => ({ path, read: async () => new TextEncoder().encode(text) });
const layout = (paths: (string | ImageEntry)[]) => imageLayout(paths.map((p) => (typeof p === 'string' ? entry(p) : p)), 'pets');

describe('imageLayout', () => {
  test('reads class subfolders under a folder that wraps everything, skipping system and other files', async () => {
    const got = await layout(['pets/dog/1.png', 'pets/cat/2.JPG', 'pets/cat/3.webp', 'pets/cat/.DS_Store', '__MACOSX/pets/cat/._2.JPG', 'pets/cat/notes.txt', 'pets/stray.gif']);
    expect(got.kind).toBe('folders');
    expect(got.classNames).toEqual(['cat', 'dog']);
    expect(got.items.map((i) => [i.entry.path, i.label])).toEqual([['pets/cat/2.JPG', 0], ['pets/cat/3.webp', 0], ['pets/dog/1.png', 1]]);
    expect(got.skipped).toEqual([
      { path: 'pets/cat/notes.txt', reason: 'not an image file (PNG, JPEG, WebP or GIF)' },
      { path: 'pets/stray.gif', reason: 'not inside a class subfolder, so it has no label' },
    ]);
  });

  test('explains the expected layout when the images are not in class folders', async () => {
    await expect(layout(['a.png', 'b.png'])).rejects.toThrow('The 2 images in "pets" are not in class subfolders. Expected one subfolder per class, such as pets/cat/001.png');
  });

  test('explains the expected layout when there is no image at all', async () => {
    await expect(layout([])).rejects.toThrow('"pets" holds no images (PNG, JPEG, WebP or GIF). Expected one subfolder per class');
    await expect(layout(['readme.md'])).rejects.toThrow('holds no images (PNG, JPEG, WebP or GIF), only 1 other file.');
  });

  test('takes labels from a CSV beside the images, by relative path or bare name', async () => {
    const csv = entry('data/labels.csv', 'file,label\nimg/a.png,cat\nb.png,dog\nmissing.png,dog\nc.png,\n');
    const got = await layout([csv, 'data/img/a.png', 'data/img/b.png', 'data/img/c.png', 'data/img/d.png']);
    expect(got.kind).toBe('csv');
    expect(got.classNames).toEqual(['cat', 'dog']);
    expect(got.items.map((i) => [i.entry.path, got.classNames[i.label]])).toEqual([['data/img/a.png', 'cat'], ['data/img/b.png', 'dog']]);
    expect(got.skipped.map((s) => s.reason)).toEqual([
      'listed in data/labels.csv (row 4) but not found',
      'its label in data/labels.csv (row 5) is empty',
      'not listed in data/labels.csv, so it has no label',
    ]);
  });

  test('says which columns a labels CSV needs', async () => {
    const csv = entry('labels.csv', 'a,b,c\n1,2,3\n');
    await expect(layout([csv, 'x.png'])).rejects.toThrow('"labels.csv" does not say which column holds the file names and which the labels (its columns are "a", "b", "c"). Name them "file" and "label".');
  });
});

test('a single class folder is explained, not trained on', async () => {
  await expect(imageLayout([entry('pets/dog/1.png'), entry('pets/dog/2.png')], 'pets')).rejects.toThrow('All the 2 images in "pets" are in one folder ("dog"), so there is no second class to tell apart. Expected one subfolder per class');
  // A dropped folder's paths start with its name: flat images there are one folder too.
  await expect(imageLayout([entry('pets/1.png'), entry('pets/2.png')], 'pets')).rejects.toThrow('are in one folder ("pets")');
  await expect(imageLayout([entry('1.png'), entry('2.png')], 'pets.zip')).rejects.toThrow('The 2 images in "pets.zip" are not in class subfolders. Expected one subfolder per class, such as pets/cat/001.png');
});
