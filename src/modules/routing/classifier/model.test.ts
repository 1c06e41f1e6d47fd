import { describe, expect, it } from 'vitest';
import type { Example } from './model.ts';
import { predict, train } from './model.ts';
import { deserialize, serialize } from './serialize.ts';

const TINY: Example[] = [
  { text: 'Курьер не привез заказ, доставку перенесли', label: 'delivery' },
  { text: 'Доставка опоздала на три часа, курьер не позвонил', label: 'delivery' },
  { text: 'Привезли холодильник с вмятиной, курьер торопился', label: 'delivery' },
  { text: 'Спасибо консультанту Анне за помощь в выборе', label: 'thanks_staff' },
  { text: 'Огромное спасибо продавцу Игорю, очень помог', label: 'thanks_staff' },
  { text: 'Благодарю сотрудника за вежливость и помощь', label: 'thanks_staff' },
  { text: 'Телевизор в гарантийном ремонте уже месяц', label: 'repair' },
  { text: 'Сервисный центр не может починить пылесос', label: 'repair' },
  { text: 'После ремонта ноутбук снова сломался', label: 'repair' },
];

const SMALL_BUCKETS = { bucketBits: 12 };

describe('train and predict', () => {
  it('learns a tiny data set well enough to label new wordings of it', () => {
    const model = train(TINY, SMALL_BUCKETS);
    expect(model.labels).toEqual(['delivery', 'repair', 'thanks_staff']);
    expect(predict(model, 'курьер опять не приехал, доставка сорвана').label).toBe('delivery');
    expect(predict(model, 'спасибо продавцу за помощь').label).toBe('thanks_staff');
    expect(predict(model, 'пылесос в ремонте, когда починят?').label).toBe('repair');
  });

  it('ranks every label by a probability that sums to one, the top one being the confidence', () => {
    const prediction = predict(train(TINY, SMALL_BUCKETS), 'доставка курьер');
    expect(prediction.ranking.map((r) => r.label).sort()).toEqual(['delivery', 'repair', 'thanks_staff']);
    expect(prediction.ranking.reduce((sum, r) => sum + r.score, 0)).toBeCloseTo(1, 6);
    expect(prediction.confidence).toBe(prediction.ranking[0]?.score);
    const scores = prediction.ranking.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('is less confident about text it has no words for', () => {
    const model = train(TINY, SMALL_BUCKETS);
    expect(predict(model, 'абракадабра').confidence).toBeLessThan(
      predict(model, 'курьер доставка опоздала').confidence,
    );
  });

  it('produces identical models from the same examples and seed', () => {
    const first = train(TINY, { ...SMALL_BUCKETS, seed: 42 });
    const again = train(TINY, { ...SMALL_BUCKETS, seed: 42 });
    expect(Buffer.from(first.weights.buffer).equals(Buffer.from(again.weights.buffer))).toBe(true);
    expect(first.bias).toEqual(again.bias);
  });

  it('refuses to train on no examples', () => {
    expect(() => train([])).toThrow(/no examples/);
  });
});

describe('serialize', () => {
  it('round-trips a model without changing any prediction', () => {
    const model = train(TINY);
    const bytes = serialize(model);
    const restored = deserialize(bytes);
    expect(restored.labels).toEqual(model.labels);
    expect(restored.bucketBits).toBe(model.bucketBits);
    for (const { text } of TINY.concat({ text: 'совсем новый текст про ремонт', label: '' })) {
      expect(predict(restored, text)).toEqual(predict(model, text));
    }
  });

  it('stores only the buckets that carry information', () => {
    const model = train(TINY);
    expect(serialize(model).length).toBeLessThan(model.weights.byteLength / 50);
  });

  it('reads a model from a Uint8Array at an odd offset', () => {
    const bytes = serialize(train(TINY, SMALL_BUCKETS));
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const restored = deserialize(shifted.subarray(1));
    expect(predict(restored, 'курьер').label).toBe('delivery');
  });

  it('rejects bytes that are not a model', () => {
    expect(() => deserialize(Buffer.from('not a model at all'))).toThrow(/not a serialized model/);
    expect(() => deserialize(serialize(train(TINY, SMALL_BUCKETS)).subarray(0, 40))).toThrow();
  });
});
