/** Glossary: figures and artifacts of the Deploy stage. */
import type { GlossaryEntry } from '../types';

export const DEPLOY_GLOSSARY = {
  latencyP50: { term: 'Latency p50', short: 'The median time to score one request: half of the calls are faster.', long: 'The typical experience, in milliseconds. Read it with p95 and p99, which show the slow calls.', seeAlso: ['latencyP95', 'latencyP99'] },
  latencyP95: { term: 'Latency p95', short: 'The time 95 % of scoring calls stay under; 1 call in 20 is slower.', long: 'Service targets are usually set on p95 or p99, because users notice the slow calls.', seeAlso: ['latencyP50', 'latencyP99'] },
  latencyP99: { term: 'Latency p99', short: 'The time 99 % of scoring calls stay under; 1 call in 100 is slower.', long: 'Sensitive to pauses such as garbage collection; needs many calls to estimate well.', seeAlso: ['latencyP95'] },
  latencyTarget: { term: 'Latency target', short: 'The p95 time a scoring call must stay under for the model to pass the latency gate.', long: 'Set it from what the calling application can afford.', seeAlso: ['latencyP95'] },
  throughput: { term: 'Throughput', short: 'How many rows the scorer handles per second.', long: 'Batch scoring reaches far higher throughput than single calls, because per-call overhead is shared.', seeAlso: ['batchScoring'] },
  psi: { term: 'Population stability index (PSI)', short: 'How much a feature\'s distribution has shifted between training data and new data: 0 is none.', long: 'Rule of thumb: below 0.1 stable, 0.1–0.25 a moderate shift worth watching, above 0.25 a major shift; the model may need retraining.', formula: 'PSI = Σ (new% − train%) · ln(new% / train%) over bins', seeAlso: ['drift'] },
  drift: { term: 'Data drift', short: 'The data the model sees in use no longer looks like the data it was trained on.', long: 'Drift does not always hurt accuracy, but it is the first warning; compare scores on fresh labelled rows before retraining.', seeAlso: ['psi'] },
  onnx: { term: 'ONNX', short: 'An open file format for models that many runtimes (Python, C#, Java, browsers) can execute.', long: 'The exported graph contains the recipe steps and the model, so the raw columns go in and predictions come out.' },
  tfjs: { term: 'TF.js model', short: 'The model in TensorFlow.js format: model.json plus weight files.', long: 'Loads in a browser or Node with TensorFlow.js.' },
  scorer: { term: 'Scorer', short: 'A self-contained JavaScript module that applies the recipe and the model to raw rows.', long: 'It reproduces the studio\'s predictions outside the studio, in a browser or in Node.' },
  batchScoring: { term: 'Batch scoring', short: 'Scores a whole file of rows at once and writes the predictions next to them.', long: 'The recipe fitted on the training rows is applied unchanged to every row before scoring.' },
  modelCard: { term: 'Model card', short: 'A short document shipped with the model: data, recipe, metrics, intended use and limits.', long: 'Lets someone who was not there judge whether the model fits their use.' },
  bundle: { term: 'Deployment bundle', short: 'A .zip holding the TF.js model, the ONNX graph, the scorer and the model card.', long: 'Everything needed to run the model elsewhere, built from one saved model version.' },
} satisfies Record<string, GlossaryEntry>;
