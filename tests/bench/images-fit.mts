// The "images" bench's fit, in one process: 10,000 generated 28×28 shape images (seeded, in memory), the
// studio's convolutional network trained for a fixed number of epochs on TF.js WASM, then scored on the
// held-out 20%. Writes the pixels, labels and split for the scikit-learn peer.
// Usage: node --import tsx tests/bench/images-fit.mts <images> <epochs> <out-prefix>; prints one JSON line.
import { writeFileSync } from 'node:fs';
import { useBackend } from '../../src/core/models';
import { evaluateImages, predictImages, trainCnn } from '../../src/core/image/cnn';
import { shapeImages } from '../unit/core/image/cnn/shapeImages';

const [n, epochs, prefix] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const backend = await useBackend('wasm');
const set = shapeImages(n, 28, 42);
const t0 = performance.now();
const trained = await trainCnn(set, { epochs, seed: 42, earlyStopping: false });
const trainMs = performance.now() - t0;
const proba = await predictImages(trained.model, set, trained.split.test, trained.normalisation);
const { report } = evaluateImages(set, trained.split.test, proba);
writeFileSync(`${prefix}.pixels.bin`, set.pixels);
writeFileSync(`${prefix}.split.json`, JSON.stringify({ size: 28, labels: Array.from(set.labels), train: Array.from(trained.split.train), test: Array.from(trained.split.test) }));
const seen = trained.split.train.length * epochs;
console.log(JSON.stringify({ backend, images: n, trainImages: trained.split.train.length, testImages: trained.split.test.length, epochs, trainMs, imagesPerSecond: seen / (trainMs / 1000), accuracy: report.metrics.accuracy }));
