// What routing adds to creating an appeal: evaluating the rules and asking the classifier, both in memory (the
// create statement itself is unchanged). Thirty realistic rules and a model trained on the labelled corpus.
//   npx tsx bench/routing.bench.ts
import { randomUUID } from 'node:crypto';
import { predict, train } from '../src/modules/routing/classifier/model.ts';
import { type EngineRule, evaluateRules, type RuleAppeal } from '../src/modules/routing/rules/rules-engine.ts';
import { generateAppeals } from '../test/fixtures/classifier/generate-corpus.ts';
import { fmt, percentile } from './lib.ts';

const appeals = generateAppeals(6_000, 11);
const model = train(appeals.slice(0, 5_000).map((a) => ({ text: a.text, label: a.category })));
const samples = appeals.slice(5_000);

const words = [
  'холодильник',
  'возврат',
  'очередь',
  'курьер',
  'гарантия',
  'сертификат',
  'акция',
  'грубость',
  'ремонт',
  'установка',
];
const wordAt = (position: number) => words[position % words.length] ?? '';
/** Every third rule looks for a word, every third matches two by pattern, the rest look at priority and tags. */
function ruleConditions(position: number): EngineRule['conditions'] {
  if (position % 3 === 0) {
    return { kinds: ['incident'], textContains: [wordAt(position)] };
  }
  if (position % 3 === 1) {
    return { channels: ['email', 'web_form'], textMatches: `(${wordAt(position)}|${wordAt(position + 1)})` };
  }
  return { priorities: ['high', 'urgent'], customerTags: ['vip'] };
}
const rules: EngineRule[] = Array.from({ length: 30 }, (_, position) => position).map((position) => ({
  id: randomUUID(),
  name: `rule ${position}`,
  position,
  active: true,
  events: ['create'],
  conditions: ruleConditions(position),
  actions:
    position % 2 === 0 ? [{ type: 'add_tags', tags: [`t${position}`] }] : [{ type: 'set_priority', priority: 'high' }],
}));

const appealOf = (text: string, sequence: number): RuleAppeal => ({
  kind: 'incident',
  channel: sequence % 2 ? 'email' : 'phone',
  status: 'new',
  priority: 'normal',
  subject: text.slice(0, 80),
  description: text,
  unitId: null,
  unitType: 'store',
  categoryId: null,
  queueId: null,
  ownerId: null,
  tags: [],
});

const times: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const [i, { text }] of samples.entries()) {
    const started = performance.now();
    const guess = predict(model, text);
    evaluateRules(rules, appealOf(text, i), {
      event: 'create',
      now: new Date(),
      insideBusinessHours: true,
      customerTags: i % 7 ? [] : ['vip'],
      suggestion: {
        categoryId: guess.label,
        categoryConfidence: guess.confidence,
        queueId: null,
        queueConfidence: 0,
        applyCategory: guess.confidence >= 0.8,
        applyQueue: false,
      },
    });
    // The first round warms the JIT.
    if (round > 0) {
      times.push(performance.now() - started);
    }
  }
}
times.sort((a, b) => a - b);
console.log(
  `rules (30) + classification per new appeal over ${fmt(times.length)} appeals: ` +
    `p50 ${fmt(percentile(times, 50), 3)} ms, p99 ${fmt(percentile(times, 99), 3)} ms (budget p50 2 ms)`,
);
