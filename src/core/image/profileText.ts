import { fixed, formatCount, num, plural } from '../format';
import type { ImageProfile } from './profileImages';

const MAX_LISTED = 10;

/** A range of pixel sizes in words: "32 px" when every image agrees, else "24–64 px". */
export const pixelRange = (r: { min: number; max: number }) => (r.min === r.max ? `${formatCount(r.min)} px` : `${formatCount(r.min)}–${formatCount(r.max)} px`);

/** The image profile for people, as `modelbench profile <folder>` prints it on a terminal. */
export function imageProfileText(p: ImageProfile): string {
  const lines = [`${p.name}: ${plural(p.images, 'image')} in ${plural(p.classes.length, 'class', 'classes')}`, ''];
  const width = Math.max(...p.classes.map((c) => c.name.length));
  lines.push('Images per class:');
  for (const c of p.classes) lines.push(`  ${c.name.padEnd(width)}  ${formatCount(c.count).padStart(7)}`);
  lines.push(`  Largest class over smallest: ${num(p.imbalance, 3)}×${p.imbalance >= 3 ? ' (imbalanced: weigh the classes or collect more of the small ones)' : ''}`, '');
  const sizes = p.sizes.slice(0, 3).map((s) => `${s.width}×${s.height} (${formatCount(s.count)})`).join(', ');
  lines.push(`Sizes: ${plural(p.distinctSizes, 'distinct size')}; most common ${sizes}.`);
  lines.push(`  Width ${pixelRange(p.width)}, height ${pixelRange(p.height)}; ${p.aspect.square} square, ${p.aspect.landscape} wider than tall, ${p.aspect.portrait} taller than wide.`);
  lines.push(`Channels: ${formatCount(p.channels.colour)} colour, ${formatCount(p.channels.grey)} grey, ${formatCount(p.channels.alpha)} with transparency.`);
  lines.push(`Brightness by class (0–255): ${p.lighting.map((l) => `${l.name} ${fixed(l.brightness, 0)}`).join(', ')}.`);
  lines.push(`Contrast by class (0–128): ${p.lighting.map((l) => `${l.name} ${fixed(l.contrast, 0)}`).join(', ')}.`, '');
  const groups = p.exactDuplicates;
  lines.push(`Exact duplicates: ${groups.length ? plural(groups.length, 'group') : 'none'}${groups.some((g) => g.acrossClasses) ? `, ${groups.filter((g) => g.acrossClasses).length} across classes` : ''}.`);
  for (const g of groups.slice(0, MAX_LISTED)) lines.push(`  ${g.acrossClasses ? '[different classes: likely label noise] ' : ''}${g.names.join(' = ')}`);
  if (groups.length > MAX_LISTED) lines.push(`  … and ${formatCount(groups.length - MAX_LISTED)} more (see the JSON output).`);
  const near = p.nearDuplicates;
  lines.push(`Near duplicates (perceptual hash within ${p.nearDuplicateBits} of 256 bits): ${near.length ? plural(near.length, 'pair') : 'none'}.`);
  for (const n of near.slice(0, MAX_LISTED)) lines.push(`  ${n.acrossClasses ? '[different classes: likely label noise] ' : ''}${n.names.join(' ~ ')} (${n.distance} bits apart)`);
  if (near.length > MAX_LISTED) lines.push(`  … and ${formatCount(near.length - MAX_LISTED)} more (see the JSON output).`);
  if (p.labelNoise) lines.push(`${plural(p.labelNoise, 'image')} look${p.labelNoise === 1 ? 's' : ''} like an image of another class: check their labels.`);
  lines.push('');
  lines.push(`Unreadable files (skipped): ${p.unreadable.length ? formatCount(p.unreadable.length) : 'none'}.`);
  for (const u of p.unreadable.slice(0, MAX_LISTED)) lines.push(`  ${u.path}: ${u.reason}`);
  if (p.skipped.length) {
    lines.push(`Other files left out: ${formatCount(p.skipped.length)}.`);
    for (const s of p.skipped.slice(0, MAX_LISTED)) lines.push(`  ${s.path}: ${s.reason}`);
  }
  return lines.join('\n');
}
