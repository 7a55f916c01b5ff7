import { expect, test } from 'vitest';
import { layersFiles, useBackend } from '../../../../../src/core/models';
import { imageModelFiles, predictImages, trainCnn } from '../../../../../src/core/image/cnn';
import { cnnRuntime, plainLayers } from '../../../../../src/core/image/cnn/plainCnn';
import type { ImageScorer } from '../../../../../src/core/image/cnn/imageScorerRuntime';
import { shapeImages } from './shapeImages';

test.each([
  ['grey 16 × 16', shapeImages(60, 16, 2, 3)],
  ['larger than 64 px (pooled down first)', shapeImages(24, 72, 3, 2)],
])('the plain forward pass gives TF.js\'s probabilities (%s)', async (_, set) => {
  await useBackend('wasm');
  const t = await trainCnn(set, { epochs: 1, filters: [3, 4], units: 8, earlyStopping: false, seed: 4 });
  try {
    const proba = await predictImages(t.model, set, t.split.test, t.normalisation);
    const layers = plainLayers(await layersFiles({ model: t.model }));
    const classify = cnnRuntime();
    const size = set.width * set.height;
    const k = set.classNames.length;
    t.split.test.forEach((img, i) => {
      const mine = classify(layers, set.pixels.subarray(img * size, (img + 1) * size), set.height, set.width, 1, t.normalisation.mean, t.normalisation.std);
      for (let c = 0; c < k; c++) expect(mine[c]).toBeCloseTo(proba[i * k + c], 4);
    });
  } finally {
    t.model.dispose();
  }
});

test('the demo page\'s own script classifies as TF.js does', async () => {
  await useBackend('wasm');
  const set = shapeImages(40, 12, 6, 2);
  const t = await trainCnn(set, { epochs: 1, filters: [3, 4], units: 8, earlyStopping: false, seed: 5 });
  try {
    const proba = await predictImages(t.model, set, t.split.test, t.normalisation);
    const model = { files: await layersFiles({ model: t.model }), normalisation: t.normalisation, classNames: set.classNames, width: 12, height: 12, channels: 1 as const };
    const files = imageModelFiles(model, 'Shapes <test>');
    expect(Object.keys(files).sort()).toEqual(['demo.html', 'image-model.json', 'model.onnx', 'model/model.json', 'model/weights.bin', 'scorer.mjs']);
    const html = new TextDecoder().decode(files['demo.html']);
    expect(html).toContain('<title>Shapes &lt;test&gt;: classify an image</title>');
    // The page's script up to its DOM part, run as the page would run it: every image goes through the scorer.
    const script = html.slice(html.indexOf('<script>') + 8, html.indexOf('const $ ='));
    const page = new Function('atob', `${script}; return SCORER;`)(atob) as ImageScorer;
    const size = 12 * 12;
    t.split.test.forEach((img, i) => {
      const p = page.classify({ width: 12, height: 12, data: set.pixels.subarray(img * size, (img + 1) * size) });
      set.classNames.forEach((name, c) => expect(p.probabilities[name]).toBeCloseTo(proba[i * 2 + c], 4));
    });
  } finally {
    t.model.dispose();
  }
});
