// The "text" bench's fit, in one process: TF-IDF (the recipe's text step) fitted on the training split and
// applied to it, then logistic regression on those features, as run.json's recipeMs and trainMs count them.
// Usage: node --import tsx tests/bench/text-fit.mts <file.csv> <recipe.json> [options.json]; prints one JSON line.
// The options are the logistic model's (the bench passes the L-BFGS solver, as scikit-learn's default).
import { readFileSync } from 'node:fs';
import { memorySource, readTable } from '../../src/core/table';
import { fitRecipe, splitRows, transformRecipe } from '../../src/core/recipe';
import { predict, toTrainData, trainModel, useBackend } from '../../src/core/models';

const [file, recipePath, options = '{}'] = process.argv.slice(2);
const recipe = JSON.parse(readFileSync(recipePath, 'utf8'));
await useBackend('wasm');
const { table } = await readTable(memorySource(readFileSync(file), file));
const split = splitRows(table, recipe.target, recipe.split);
const t0 = performance.now();
const fitted = fitRecipe(table, recipe, split.train);
const train = transformRecipe(fitted, table, split.train);
const tfidfMs = performance.now() - t0;
const t1 = performance.now();
const model = await trainModel({ kind: 'logistic', seed: 42, options: JSON.parse(options) }, toTrainData(train, fitted));
const trainMs = performance.now() - t1;
const test = transformRecipe(fitted, table, split.test);
const p = predict(model.model, test.X, test.n);
let correct = 0;
for (let i = 0; i < test.n; i++) correct += (p[2 * i + 1] > 0.5 ? 1 : 0) === test.y![i] ? 1 : 0;
console.log(JSON.stringify({ tfidfMs, trainMs, fitMs: tfidfMs + trainMs, features: train.featureNames.length, trainRows: train.n, accuracy: correct / test.n }));
