import { strToU8, zipSync } from 'fflate';
import type { ImageModel } from './service';
import { DEMO_PAGE_SCRIPT } from './demoPageScript';
import { imageScorerExpression, imageScorerModule } from './imageScorerSource';
import { cnnToOnnx } from './cnnOnnx';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

/**
 * A single HTML file that classifies a dropped or chosen image, or a webcam frame, offline: the
 * network's weights are inside it and every image goes through the scorer of scorer.mjs (the
 * studio's resize, grey as training read it, and `cnnRuntime`, the pass the tests check against
 * TF.js). Its Content-Security-Policy allows no request at all, so nothing can leave the page.
 */
export function imageDemoPage(model: ImageModel, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; media-src blob: mediastream:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}: classify an image</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
#drop { border: 2px dashed #777; padding: 2rem; text-align: center; }
#drop.over { background: #eef; }
canvas { image-rendering: pixelated; width: 128px; border: 1px solid #ccc; }
video { width: 320px; max-width: 100%; background: #000; }
td, th { padding: 0.2rem 0.6rem; text-align: left; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Drop an image here or choose one, or use the webcam. Everything is classified in this page, offline: nothing is sent anywhere.</p>
<div id="drop"><label>Choose an image <input id="file" type="file" accept="image/*"></label></div>
<p><button id="cam-start" type="button">Use the webcam</button> <span id="cam-status" role="status"></span></p>
<div id="camera" hidden>
<video id="video" muted playsinline aria-label="The webcam's picture"></video>
<p><button id="cam-frame" type="button" disabled>Classify this frame</button>
<label><input id="cam-live" type="checkbox" disabled> Classify continuously</label>
<button id="cam-stop" type="button" disabled>Stop the webcam</button></p>
</div>
<p><canvas id="seen" width="${model.width}" height="${model.height}" aria-label="The image as the model sees it"></canvas></p>
<table><thead><tr><th>Class</th><th>Probability</th></tr></thead><tbody id="out"></tbody></table>
<p id="error" role="alert"></p>
<script>
const SCORER = ${imageScorerExpression(model, title)};
${DEMO_PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** The model's files for a folder or zip: TF.js layers files, model.onnx, how to read an image, the demo page and scorer.mjs. */
export function imageModelFiles(model: ImageModel, title: string): Record<string, Uint8Array> {
  const { files, ...reading } = model;
  return {
    'model/model.json': strToU8(files.modelJson),
    'model/weights.bin': files.weights,
    'model.onnx': cnnToOnnx(model),
    'image-model.json': strToU8(JSON.stringify(reading, null, 2)),
    'demo.html': strToU8(imageDemoPage(model, title)),
    'scorer.mjs': strToU8(imageScorerModule(model, title)),
  };
}

/** The same files as one zip. */
export function imageModelZip(model: ImageModel, title: string): Uint8Array {
  return zipSync(imageModelFiles(model, title));
}
