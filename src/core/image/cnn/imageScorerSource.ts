/**
 * Writes an image model's scorer.mjs, and the same scorer as a script for its demo page, from the
 * studio's own functions: the PNG decoder and inflater, the resize training used, the forward pass
 * and the runtime around them are emitted with `Function.prototype.toString()`, never re-typed.
 */
import { base64Floats, floatsBase64 } from '../../deploy';
import { decodePng } from '../decodePng';
import { inflate } from '../inflate';
import { resizeImage } from '../resize';
import { imageScorerRuntime, type EncodedLayer, type ImageScorerSpec } from './imageScorerRuntime';
import { cnnRuntime, plainLayers } from './plainCnn';
import type { ImageModel } from './service';

/** JSON safe inside an HTML `<script>` too: no class name can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * An expression that evaluates to the scorer `{ classify, prepare, meta }`, with the weights inlined.
 * Toolchains that keep function names (tsx, esbuild's keepNames) put `__name(fn, "name")` calls into
 * function bodies; the wrapper brings a no-op one, as the tabular scorer does.
 */
export function imageScorerExpression(model: ImageModel, name: string): string {
  const layers: EncodedLayer[] = plainLayers(model.files).map((l) => ('weights' in l ? { ...l, weights: floatsBase64(l.weights), bias: floatsBase64(l.bias) } : l));
  const spec: ImageScorerSpec = { name, classNames: model.classNames, width: model.width, height: model.height, channels: model.channels, mean: model.normalisation.mean, std: model.normalisation.std, layers };
  const kernels = `{ decodePng: ${decodePng.toString()}, inflate: ${inflate.toString()}, resize: ${resizeImage.toString()}, forward: (${cnnRuntime.toString()})(), floats: ${base64Floats.toString()} }`;
  return `((__name) => (${imageScorerRuntime.toString()})(${scriptJson(spec)}, ${kernels}))((f) => f)`;
}

const header = (name: string, model: ImageModel) => `// scorer.mjs for the image model ${JSON.stringify(name)}, written by Modelbench. No dependencies: Node 20 or later, or a browser.
//
// Classes, in order: ${model.classNames.join(', ').replace(/[\r\n]/g, ' ')}. Images are resized to ${model.width} × ${model.height} as in training.
//
//   import { readFileSync } from 'node:fs';
//   import { classify } from './scorer.mjs';
//   classify(readFileSync('photo.png'));                // { label, probabilities: { class: p, … } }
//   classify({ width, height, data });                  // decoded pixels: RGBA, RGB or grey bytes
//
// PNG bytes are decoded here. JPEG (and other formats) must be decoded first, e.g. with jpeg-js:
//   import jpeg from 'jpeg-js';  classify(jpeg.decode(readFileSync('photo.jpg'), { useTArray: true }));
// In a page, pass a canvas's getImageData(0, 0, w, h). prepare(input) gives the pixels the network sees.
//
// The weights are inlined (base64) rather than read from model/weights.bin, so this one file scores
// the same way in Node and in a page opened from disk, where reading a sibling file is not allowed.
`;

/** scorer.mjs: an ES module exporting `classify(input)`, `prepare(input)` and `meta`. */
export function imageScorerModule(model: ImageModel, name: string): string {
  return `${header(name, model)}const scorer = ${imageScorerExpression(model, name)};\nexport const classify = scorer.classify;\nexport const prepare = scorer.prepare;\nexport const meta = scorer.meta;\n`;
}
