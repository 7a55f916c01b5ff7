import { strToU8, zipSync } from 'fflate';
import type { ImageModel } from './service';
import { cnnRuntime, plainLayers, type PlainLayer } from './plainCnn';

function floatsBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

/**
 * A single HTML file that classifies a dropped or chosen image offline: the network's weights are
 * inside it, and the forward pass is `cnnRuntime`, the code the tests check against TF.js. The
 * image is scaled to the model's size by the browser's canvas (over white, grey as Rec. 601 luma,
 * as training read it); images not already that size may differ slightly from the studio's resize.
 */
export function imageDemoPage(model: ImageModel, title: string): string {
  const layers = plainLayers(model.files).map((l: PlainLayer) => ('weights' in l ? { ...l, weights: floatsBase64(l.weights), bias: floatsBase64(l.bias) } : l));
  const data = { layers, classNames: model.classNames, width: model.width, height: model.height, channels: model.channels, mean: model.normalisation.mean, std: model.normalisation.std };
  // `<` is escaped so that no class name can close the script element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}: classify an image</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
#drop { border: 2px dashed #777; padding: 2rem; text-align: center; }
#drop.over { background: #eef; }
canvas { image-rendering: pixelated; width: 128px; border: 1px solid #ccc; }
td, th { padding: 0.2rem 0.6rem; text-align: left; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Drop an image here or choose one. It is classified in this page, offline: nothing is sent anywhere.</p>
<div id="drop"><label>Choose an image <input id="file" type="file" accept="image/*"></label></div>
<p><canvas id="seen" width="${model.width}" height="${model.height}" aria-label="The image as the model sees it"></canvas></p>
<table><thead><tr><th>Class</th><th>Probability</th></tr></thead><tbody id="out"></tbody></table>
<p id="error" role="alert"></p>
<script>
const MODEL = ${json};
const classify = ((__name) => (${cnnRuntime.toString()})())((f) => f);
const floats = (b64) => { const s = atob(b64); const b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); return new Float32Array(b.buffer); };
const layers = MODEL.layers.map((l) => (l.weights ? { ...l, weights: floats(l.weights), bias: floats(l.bias) } : l));
async function show(file) {
  const error = document.getElementById('error');
  error.textContent = '';
  try {
    const bitmap = await createImageBitmap(file);
    const canvas = document.getElementById('seen');
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, MODEL.width, MODEL.height);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, MODEL.width, MODEL.height);
    const rgba = ctx.getImageData(0, 0, MODEL.width, MODEL.height).data;
    const n = MODEL.width * MODEL.height;
    const pixels = new Uint8Array(n * MODEL.channels);
    for (let p = 0; p < n; p++) {
      if (MODEL.channels === 1) pixels[p] = Math.round(0.299 * rgba[p * 4] + 0.587 * rgba[p * 4 + 1] + 0.114 * rgba[p * 4 + 2]);
      else for (let k = 0; k < 3; k++) pixels[p * 3 + k] = rgba[p * 4 + k];
    }
    const probs = classify(layers, pixels, MODEL.height, MODEL.width, MODEL.channels, MODEL.mean, MODEL.std);
    const rows = MODEL.classNames.map((name, i) => [name, probs[i]]).sort((a, b) => b[1] - a[1]);
    const out = document.getElementById('out');
    out.replaceChildren(...rows.map(([name, p]) => { const tr = document.createElement('tr'); const a = document.createElement('td'); const b = document.createElement('td'); a.textContent = name; b.textContent = Math.round(p * 100) + ' %'; tr.append(a, b); return tr; }));
  } catch (e) {
    error.textContent = 'This file could not be read as an image (' + e.message + '). Try a PNG, JPEG, WebP or GIF.';
  }
}
document.getElementById('file').addEventListener('change', (e) => e.target.files[0] && show(e.target.files[0]));
const drop = document.getElementById('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); const f = e.dataTransfer.files[0]; if (f) show(f); });
</script>
</body>
</html>
`;
}

/** The model's files for a folder or zip: TF.js layers files, how to read an image, and the demo page. */
export function imageModelFiles(model: ImageModel, title: string): Record<string, Uint8Array> {
  const { files, ...reading } = model;
  return {
    'model/model.json': strToU8(files.modelJson),
    'model/weights.bin': files.weights,
    'image-model.json': strToU8(JSON.stringify(reading, null, 2)),
    'demo.html': strToU8(imageDemoPage(model, title)),
  };
}

/** The same files as one zip. */
export function imageModelZip(model: ImageModel, title: string): Uint8Array {
  return zipSync(imageModelFiles(model, title));
}
