import { describe, expect, it } from 'vitest';
import { conditionsHold, foldText, usesBusinessHours, usesCustomerTags, usesUnitType } from './rule-conditions.ts';
import {
  type EngineAction,
  type EngineConditions,
  type EngineRule,
  type EvaluationContext,
  evaluateRules,
  MAX_PASSES,
  renderReply,
  type RuleAppeal,
  type Suggestion,
  byPosition,
} from './rules-engine.ts';

const CAT_A = '00000000-0000-4000-8000-00000000000a';
const CAT_B = '00000000-0000-4000-8000-00000000000b';
const QUEUE = '00000000-0000-4000-8000-0000000000f1';
const USER = '00000000-0000-4000-8000-0000000000e1';
const UNIT = '00000000-0000-4000-8000-0000000000c1';

let made = 0;
function rule(conditions: EngineConditions, actions: EngineAction[], over: Partial<EngineRule> = {}): EngineRule {
  made += 1;
  return {
    id: `rule-${made}`,
    name: `Rule ${made}`,
    position: made,
    active: true,
    events: ['create'],
    conditions,
    actions,
    ...over,
  };
}

const appeal = (over: Partial<RuleAppeal> = {}): RuleAppeal => ({
  kind: 'incident',
  channel: 'email',
  status: 'new',
  priority: 'normal',
  subject: 'Холодильник не морозит',
  description: 'Привезли вчера',
  unitId: null,
  unitType: null,
  categoryId: null,
  queueId: null,
  ownerId: null,
  tags: [],
  ...over,
});

const ctx = (over: Partial<EvaluationContext> = {}): EvaluationContext => ({
  event: 'create',
  now: new Date('2026-03-02T09:00:00Z'),
  insideBusinessHours: true,
  customerTags: [],
  ...over,
});

const holds = (
  conditions: EngineConditions,
  fields: Partial<RuleAppeal> = {},
  context: Partial<EvaluationContext> = {},
) => conditionsHold(conditions, appeal(fields), ctx(context));

describe('conditions', () => {
  it('holds with no conditions at all', () => expect(holds({})).toBe(true));
  it('matches a kind from the list', () => expect(holds({ kinds: ['review', 'incident'] })).toBe(true));
  it('refuses a kind not in the list', () => expect(holds({ kinds: ['thanks'] })).toBe(false));
  it('treats an empty list as no condition', () => expect(holds({ kinds: [] })).toBe(true));
  it('matches the channel', () => expect(holds({ channels: ['phone'] }, { channel: 'phone' })).toBe(true));
  it('refuses another channel', () => expect(holds({ channels: ['phone'] })).toBe(false));
  it('matches the unit', () => expect(holds({ unitIds: [UNIT] }, { unitId: UNIT })).toBe(true));
  it('refuses an appeal without a unit when units are named', () => expect(holds({ unitIds: [UNIT] })).toBe(false));
  it('matches the unit type', () =>
    expect(holds({ unitTypes: ['store'] }, { unitId: UNIT, unitType: 'store' })).toBe(true));
  it('refuses another unit type', () =>
    expect(holds({ unitTypes: ['store'] }, { unitType: 'call_centre' })).toBe(false));
  it('matches the category', () => expect(holds({ categoryIds: [CAT_A] }, { categoryId: CAT_A })).toBe(true));
  it('refuses an appeal without a category when categories are named', () =>
    expect(holds({ categoryIds: [CAT_A] })).toBe(false));
  it('matches the priority', () => expect(holds({ priorities: ['urgent', 'high'] }, { priority: 'high' })).toBe(true));
  it("matches any of the appeal's tags", () => expect(holds({ tags: ['vip', 'x'] }, { tags: ['x'] })).toBe(true));
  it('refuses when no tag is shared', () => expect(holds({ tags: ['vip'] }, { tags: ['x'] })).toBe(false));
  it("matches any of the customer's tags", () =>
    expect(holds({ customerTags: ['vip'] }, {}, { customerTags: ['vip', 'b2b'] })).toBe(true));
  it('refuses a customer without the tag', () => expect(holds({ customerTags: ['vip'] })).toBe(false));
  it('finds text ignoring case', () => expect(holds({ textContains: ['ХОЛОДИЛЬНИК'] })).toBe(true));
  it('finds text in the description', () => expect(holds({ textContains: ['вчера'] })).toBe(true));
  it('treats ё as е in the text', () =>
    expect(holds({ textContains: ['ещё'] }, { description: 'Еще раз прошу' })).toBe(true));
  it('treats ё as е in the needle', () =>
    expect(holds({ textContains: ['еще'] }, { subject: 'Ещё не привезли' })).toBe(true));
  it('holds when any of several needles is found', () =>
    expect(holds({ textContains: ['возврат', 'морозит'] })).toBe(true));
  it('refuses when no needle is found', () => expect(holds({ textContains: ['возврат'] })).toBe(false));
  it('matches a regular expression, ignoring case', () =>
    expect(holds({ textMatches: '^холодильник\\s+не' })).toBe(true));
  it('matches a regular expression in the description', () =>
    expect(holds({ textMatches: 'привез(ли|ут)' })).toBe(true));
  it('refuses a regular expression that does not match', () => expect(holds({ textMatches: '\\d{6}' })).toBe(false));
  it('never matches a broken regular expression', () => expect(holds({ textMatches: '([' })).toBe(false));
  it('matches inside business hours', () => expect(holds({ businessHours: 'inside' })).toBe(true));
  it('refuses inside when outside business hours', () =>
    expect(holds({ businessHours: 'inside' }, {}, { insideBusinessHours: false })).toBe(false));
  it('matches outside business hours', () =>
    expect(holds({ businessHours: 'outside' }, {}, { insideBusinessHours: false })).toBe(true));
  it('needs every given condition to hold', () =>
    expect(holds({ kinds: ['incident'], channels: ['phone'] })).toBe(false));
  it('holds when every given condition holds', () =>
    expect(holds({ kinds: ['incident'], channels: ['email'], textContains: ['морозит'] })).toBe(true));
});

describe('actions', () => {
  it('sets the category, priority, queue and owner, and adds tags', () => {
    const only = rule({}, [
      { type: 'set_category', categoryId: CAT_A },
      { type: 'set_priority', priority: 'high' },
      { type: 'set_queue', queueId: QUEUE },
      { type: 'assign', userId: USER },
      { type: 'add_tags', tags: ['vip', 'vip', 'fridge'] },
    ]);
    const evaluation = evaluateRules([only], appeal({ tags: ['fridge'] }), ctx());
    expect(evaluation.changes).toEqual({
      categoryId: CAT_A,
      priority: 'high',
      queueId: QUEUE,
      ownerId: USER,
      tags: ['fridge', 'vip'],
    });
    expect(evaluation.trace.map((t) => t.action)).toEqual([
      'set_category',
      'set_priority',
      'set_queue',
      'assign',
      'add_tags',
    ]);
    expect(evaluation.trace[1]).toEqual({
      ruleId: only.id,
      ruleName: only.name,
      action: 'set_priority',
      detail: { from: 'normal', to: 'high' },
    });
  });

  it('reports no change for an action that sets what is already there', () => {
    const evaluation = evaluateRules(
      [
        rule({}, [
          { type: 'set_priority', priority: 'normal' },
          { type: 'add_tags', tags: ['x'] },
        ]),
      ],
      appeal({ tags: ['x'] }),
      ctx(),
    );
    expect(evaluation.changes).toEqual({});
    expect(evaluation.trace).toHaveLength(2);
  });

  it('collects notifications and replies as effects, in order', () => {
    const only = rule({}, [
      { type: 'notify', roles: ['supervisor'] },
      { type: 'reply', body: 'Здравствуйте, {{customerName}}' },
    ]);
    const evaluation = evaluateRules([only], appeal(), ctx());
    expect(evaluation.effects).toEqual([
      { type: 'notify', ruleId: only.id, ruleName: only.name, userIds: [], roles: ['supervisor'] },
      { type: 'reply', ruleId: only.id, ruleName: only.name, body: 'Здравствуйте, {{customerName}}' },
    ]);
  });

  it('stops at a stop action: neither its later actions nor later rules run', () => {
    const first = rule({}, [
      { type: 'set_priority', priority: 'high' },
      { type: 'stop' },
      { type: 'add_tags', tags: ['late'] },
    ]);
    const second = rule({}, [{ type: 'set_queue', queueId: QUEUE }]);
    const evaluation = evaluateRules([first, second], appeal(), ctx());
    expect(evaluation.changes).toEqual({ priority: 'high' });
    expect(evaluation.trace.map((t) => t.action)).toEqual(['set_priority', 'stop']);
  });
});

describe('order and passes', () => {
  it('runs rules in position order whatever the order given', () => {
    const late = rule({}, [{ type: 'set_priority', priority: 'low' }], { position: 20 });
    const early = rule({}, [{ type: 'set_priority', priority: 'urgent' }], { position: 10 });
    const evaluation = evaluateRules([late, early], appeal(), ctx());
    expect(evaluation.trace.map((t) => t.ruleId)).toEqual([early.id, late.id]);
    expect(evaluation.changes.priority).toBe('low');
  });

  it('orders equal positions by age, then id', () => {
    const first = rule({}, [], { position: 1, createdAt: new Date(2000) });
    const second = rule({}, [], { position: 1, createdAt: new Date(1000) });
    expect([first, second].sort(byPosition)).toEqual([second, first]);
  });

  it('lets a later rule see the changes of an earlier one', () => {
    const first = rule({}, [{ type: 'set_category', categoryId: CAT_A }]);
    const second = rule({ categoryIds: [CAT_A] }, [{ type: 'set_queue', queueId: QUEUE }]);
    expect(evaluateRules([first, second], appeal(), ctx()).changes).toEqual({ categoryId: CAT_A, queueId: QUEUE });
  });

  it('runs a second pass when a change makes an earlier rule match', () => {
    const first = rule({ priorities: ['high'] }, [{ type: 'set_queue', queueId: QUEUE }]);
    const second = rule({}, [{ type: 'set_priority', priority: 'high' }]);
    const evaluation = evaluateRules([first, second], appeal(), ctx());
    expect(evaluation.changes).toEqual({ priority: 'high', queueId: QUEUE });
    expect(evaluation.loopStopped).toBe(false);
  });

  it('fires each rule at most once', () => {
    const first = rule({}, [{ type: 'notify', userIds: [USER] }]);
    const second = rule({}, [{ type: 'set_priority', priority: 'high' }]);
    expect(evaluateRules([first, second], appeal(), ctx()).effects).toHaveLength(1);
  });

  it('lets a later rule override an earlier one without looping: neither fires twice', () => {
    const first = rule({ tags: ['x'] }, [{ type: 'set_priority', priority: 'high' }]);
    const second = rule({ priorities: ['high'] }, [{ type: 'set_priority', priority: 'low' }]);
    const evaluation = evaluateRules([first, second], appeal({ tags: ['x'] }), ctx());
    expect(evaluation.loopStopped).toBe(false);
    expect(evaluation.changes.priority).toBe('low');
    expect(evaluation.trace).toHaveLength(2);
  });

  it('settles when rules feed each other but reach a fixed point', () => {
    const first = rule({ tags: ['x'] }, [{ type: 'set_priority', priority: 'high' }]);
    const second = rule({ priorities: ['high'] }, [{ type: 'add_tags', tags: ['x'] }]);
    const evaluation = evaluateRules([first, second], appeal({ priority: 'high' }), ctx());
    expect(evaluation.loopStopped).toBe(false);
    expect(evaluation.changes).toEqual({ tags: ['x'] });
  });

  it(`stops a chain that still changes after ${MAX_PASSES} passes`, () => {
    // Each rule enables the one before it: four passes would be needed.
    const r1 = rule({ tags: ['c'] }, [{ type: 'add_tags', tags: ['d'] }]);
    const r2 = rule({ tags: ['b'] }, [{ type: 'add_tags', tags: ['c'] }]);
    const r3 = rule({ tags: ['a'] }, [{ type: 'add_tags', tags: ['b'] }]);
    const r4 = rule({}, [{ type: 'add_tags', tags: ['a'] }]);
    const evaluation = evaluateRules([r1, r2, r3, r4], appeal(), ctx());
    expect(evaluation.loopStopped).toBe(true);
    expect(evaluation.trace.at(-1)).toMatchObject({ ruleId: r1.id, action: 'loop_stopped' });
    expect(evaluation.changes.tags).toEqual(['a', 'b', 'c']);
  });

  it('skips inactive rules', () => {
    expect(
      evaluateRules([rule({}, [{ type: 'set_priority', priority: 'high' }], { active: false })], appeal(), ctx()).trace,
    ).toEqual([]);
  });

  it('runs only the rules of the event', () => {
    const onUpdate = rule({}, [{ type: 'set_priority', priority: 'high' }], { events: ['update'] });
    expect(evaluateRules([onUpdate], appeal(), ctx()).trace).toEqual([]);
    expect(evaluateRules([onUpdate], appeal(), ctx({ event: 'update' })).changes).toEqual({ priority: 'high' });
  });

  it('does not change the appeal it was given', () => {
    const start = appeal({ tags: ['a'] });
    evaluateRules(
      [
        rule({}, [
          { type: 'add_tags', tags: ['b'] },
          { type: 'set_priority', priority: 'high' },
        ]),
      ],
      start,
      ctx(),
    );
    expect(start).toMatchObject({ tags: ['a'], priority: 'normal' });
  });
});

describe('classifier suggestion', () => {
  const guess = (over: Partial<Suggestion> = {}): Suggestion => ({
    categoryId: CAT_A,
    categoryConfidence: 0.93,
    queueId: QUEUE,
    queueConfidence: 0.91,
    applyCategory: true,
    applyQueue: true,
    ...over,
  });

  it('applies a confident category and queue before the rules, with a trace', () => {
    const evaluation = evaluateRules([], appeal(), ctx({ suggestion: guess() }));
    expect(evaluation.changes).toEqual({ categoryId: CAT_A, queueId: QUEUE });
    expect(evaluation.trace).toEqual([
      { ruleId: null, ruleName: 'classifier', action: 'set_category', detail: { to: CAT_A, confidence: 0.93 } },
      { ruleId: null, ruleName: 'classifier', action: 'set_queue', detail: { to: QUEUE, confidence: 0.91 } },
    ]);
    expect(evaluation.suggestion).toBeNull();
  });

  it('lets rules see the classified category', () => {
    const only = rule({ categoryIds: [CAT_A] }, [{ type: 'set_priority', priority: 'high' }]);
    expect(evaluateRules([only], appeal(), ctx({ suggestion: guess() })).changes.priority).toBe('high');
  });

  it('keeps a category the appeal already has', () => {
    const evaluation = evaluateRules(
      [],
      appeal({ categoryId: CAT_B }),
      ctx({ suggestion: guess({ applyQueue: false, queueId: null }) }),
    );
    expect(evaluation.changes).toEqual({});
    expect(evaluation.suggestion).toBeNull();
  });

  it('keeps an unconfident suggestion for the agent instead of applying it', () => {
    const suggestion = guess({ applyCategory: false, applyQueue: false, categoryConfidence: 0.4 });
    const evaluation = evaluateRules([], appeal(), ctx({ suggestion }));
    expect(evaluation.changes).toEqual({});
    expect(evaluation.trace).toEqual([]);
    expect(evaluation.suggestion).toEqual(suggestion);
  });

  it('applies the confident half and keeps the rest as a suggestion', () => {
    const evaluation = evaluateRules([], appeal(), ctx({ suggestion: guess({ applyQueue: false }) }));
    expect(evaluation.changes).toEqual({ categoryId: CAT_A });
    expect(evaluation.suggestion).toMatchObject({ queueId: QUEUE, applyQueue: false });
  });

  it('lets a rule override the classified category', () => {
    const only = rule({}, [{ type: 'set_category', categoryId: CAT_B }]);
    expect(evaluateRules([only], appeal(), ctx({ suggestion: guess() })).changes.categoryId).toBe(CAT_B);
  });
});

describe('helpers', () => {
  it('fills reply placeholders', () =>
    expect(renderReply('{{customerName}}, appeal №{{ number }}', { customerName: 'Иван', number: 42 })).toBe(
      'Иван, appeal №42',
    ));
  it('fills an unknown customer name with nothing', () =>
    expect(renderReply('Hi {{customerName}}!', { customerName: null, number: 1 })).toBe('Hi !'));
  it('leaves other placeholders as written', () =>
    expect(renderReply('{{other}}', { customerName: 'x', number: 1 })).toBe('{{other}}'));
  it('folds case and ё', () => expect(foldText('ЁЛКА')).toBe('елка'));
  it('says which facts the rules need', () => {
    const rules = [rule({ customerTags: ['vip'] }, []), rule({ businessHours: 'outside' }, [], { active: false })];
    expect(usesCustomerTags(rules)).toBe(true);
    expect(usesBusinessHours(rules)).toBe(false);
    expect(usesUnitType(rules)).toBe(false);
  });
});
