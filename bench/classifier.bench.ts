// Owns: the benchmark of the appeal text classifier against issue 8's budgets — training on
// 100,000 appeals under 30 s on one core, prediction p50 under 2 ms — plus the category macro-F1
// on the fixture corpus's held-out quarter. Plain script: `npx tsx bench/classifier.bench.ts`.
import { readFileSync } from 'node:fs';
import { evaluate, stratifiedSplit } from '../src/modules/routing/classifier/evaluate.ts';
import { predict, train } from '../src/modules/routing/classifier/model.ts';
import { serialize } from '../src/modules/routing/classifier/serialize.ts';
import { generateAppeals, parseCorpus } from '../test/fixtures/classifier/generate-corpus.ts';
import { percentile } from './lib.ts';

const TRAINING_SIZE = 100_000;
const PREDICTIONS = 10_000;
const WARMUP_PREDICTIONS = 1_000;
// A seed other than the fixture's, so the benchmark's appeals are not the fixture's appeals.
const SYNTHETIC_SEED = 8;

const synthetic = generateAppeals(TRAINING_SIZE + PREDICTIONS, SYNTHETIC_SEED).map((appeal) => ({
  text: appeal.text,
  label: appeal.category,
}));
const trainingSet = synthetic.slice(0, TRAINING_SIZE);
const probes = synthetic.slice(TRAINING_SIZE);

let started = performance.now();
const model = train(trainingSet);
const trainingSeconds = (performance.now() - started) / 1000;
console.log(`training on ${TRAINING_SIZE.toLocaleString('en')} appeals: ${trainingSeconds.toFixed(2)} s (budget 30 s)`);
console.log(`serialized model: ${(serialize(model).length / 1024).toFixed(0)} KB`);

for (const probe of probes.slice(0, WARMUP_PREDICTIONS)) {
  predict(model, probe.text);
}
const latencies = new Float64Array(PREDICTIONS);
let correct = 0;
for (const [i, probe] of probes.entries()) {
  started = performance.now();
  const prediction = predict(model, probe.text);
  latencies[i] = performance.now() - started;
  if (prediction.label === probe.label) {
    correct++;
  }
}
latencies.sort();
console.log(
  `prediction over ${PREDICTIONS.toLocaleString('en')} appeals: ` +
    `p50 ${percentile(latencies, 50).toFixed(3)} ms, p99 ${percentile(latencies, 99).toFixed(3)} ms (budget p50 2 ms)`,
);
console.log(`accuracy on fresh synthetic appeals: ${(correct / PREDICTIONS).toFixed(3)}`);

const corpus = parseCorpus(readFileSync(new URL('../test/fixtures/classifier/corpus.jsonl', import.meta.url), 'utf8'));
const { train: known, test: unseen } = stratifiedSplit(corpus, (a) => a.category, 0.25, 7);
const fixtureModel = train(known.map((a) => ({ text: a.text, label: a.category })));
const result = evaluate(unseen.map((a) => ({ actual: a.category, predicted: predict(fixtureModel, a.text).label })));
console.log(
  `fixture corpus (${known.length} train / ${unseen.length} held out): ` +
    `macro-F1 ${result.macroF1.toFixed(3)}, accuracy ${result.accuracy.toFixed(3)} (target macro-F1 0.85)`,
);
console.log(
  `most frequent confusions: ${result.confusions
    .slice(0, 5)
    .map((c) => `${c.actual}→${c.predicted} ×${c.count}`)
    .join(', ')}`,
);
