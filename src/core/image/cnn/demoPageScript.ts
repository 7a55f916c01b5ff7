/**
 * The demo page's own script (DOM code, so it is kept as text: core has no DOM types). It expects
 * `SCORER`, the image scorer of scorer.mjs, defined before it, and sends every image through
 * `SCORER.classify`: a dropped or chosen file and a webcam frame alike are drawn on a canvas at
 * their own size and resized there as training resized, so the page agrees with scorer.mjs.
 */
export const DEMO_PAGE_SCRIPT = String.raw`
const $ = (id) => document.getElementById(id);
const say = (text) => { $('error').textContent = text; };

/** Pixels of a bitmap or a video frame at their own size, read back from a canvas. */
function pixelsOf(source, width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(source, 0, 0);
  return ctx.getImageData(0, 0, width, height);
}

/** Classifies decoded pixels, draws what the network saw, and lists every class's probability. */
function show(image) {
  const seen = SCORER.prepare(image);
  const { width, height, channels, classNames } = SCORER.meta;
  const ctx = $('seen').getContext('2d');
  const view = ctx.createImageData(width, height);
  for (let p = 0; p < width * height; p++) {
    for (let k = 0; k < 3; k++) view.data[p * 4 + k] = seen[p * channels + (channels === 1 ? 0 : k)];
    view.data[p * 4 + 3] = 255;
  }
  ctx.putImageData(view, 0, 0);
  const { probabilities } = SCORER.classify(image);
  const rows = classNames.map((name) => [name, probabilities[name]]).sort((a, b) => b[1] - a[1]);
  $('out').replaceChildren(...rows.map(([name, p]) => {
    const tr = document.createElement('tr');
    const a = document.createElement('td');
    const b = document.createElement('td');
    a.textContent = name;
    b.textContent = Math.round(p * 100) + ' %';
    tr.append(a, b);
    return tr;
  }));
}

async function showFile(file) {
  say('');
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (e) {
    say('"' + file.name + '" could not be read as an image (' + e.message + '). Try a PNG, JPEG, WebP or GIF.');
    return;
  }
  try {
    show(pixelsOf(bitmap, bitmap.width, bitmap.height));
  } catch (e) {
    say('"' + file.name + '" could not be classified: ' + e.message);
  } finally {
    bitmap.close();
  }
}

$('file').addEventListener('change', (e) => e.target.files[0] && showFile(e.target.files[0]));
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); const f = e.dataTransfer.files[0]; if (f) showFile(f); });

// The webcam: frames go from the camera to a canvas in this page and nowhere else.
const video = $('video');
let stream = null;
let timer = 0;

function cameraProblem(e) {
  if (e.name === 'NotAllowedError' || e.name === 'SecurityError') return 'The camera was not allowed. Allow this page to use it (the camera icon in the address bar, or the browser\'s site settings) and press "Use the webcam" again.';
  if (e.name === 'NotFoundError' || e.name === 'OverconstrainedError') return 'No camera was found. Connect one (and close any program holding it), then press "Use the webcam" again.';
  if (e.name === 'NotReadableError' || e.name === 'AbortError') return 'The camera could not be started; another program may be using it. Close that program and try again.';
  return 'The camera could not be started (' + e.message + ').';
}

function setCamera(on) {
  $('camera').hidden = !on;
  $('cam-start').disabled = on;
  $('cam-frame').disabled = !on;
  $('cam-stop').disabled = !on;
  $('cam-live').disabled = !on;
}

function classifyFrame() {
  if (!stream || !video.videoWidth) return;
  try {
    show(pixelsOf(video, video.videoWidth, video.videoHeight));
  } catch (e) {
    say('This frame could not be classified: ' + e.message);
  }
}

function stopCamera() {
  clearInterval(timer);
  timer = 0;
  $('cam-live').checked = false;
  if (stream) for (const track of stream.getTracks()) track.stop();
  stream = null;
  video.srcObject = null;
  setCamera(false);
  $('cam-status').textContent = 'The webcam is off.';
}

$('cam-start').addEventListener('click', async () => {
  say('');
  if (!window.isSecureContext) {
    say('The browser offers the camera only to secure pages. Open demo.html straight from your disk, or serve it over HTTPS or from this computer (localhost), not from another plain-HTTP address.');
    return;
  }
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    say('This browser offers no camera to pages. Try a current Chrome, Edge, Firefox or Safari.');
    return;
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
  } catch (e) {
    say(cameraProblem(e));
    return;
  }
  video.srcObject = stream;
  await video.play();
  setCamera(true);
  $('cam-status').textContent = 'The webcam is on. Frames stay in this page.';
});
$('cam-frame').addEventListener('click', classifyFrame);
$('cam-live').addEventListener('change', (e) => {
  clearInterval(timer);
  timer = e.target.checked ? setInterval(classifyFrame, 250) : 0;
});
$('cam-stop').addEventListener('click', stopCamera);
`;
