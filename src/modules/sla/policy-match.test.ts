import { describe, expect, it } from 'vitest';
import { type Conditions, type MatchFacts, conditionsHold, matchPolicy, needsCustomerTags } from './policy-match.ts';

const facts = (over: Partial<MatchFacts> = {}): MatchFacts => ({
  unitId: 'unit-1',
  unitType: 'store',
  channel: 'email',
  kind: 'incident',
  categoryPath: ['long_service.queue', 'long_service'],
  priority: 'normal',
  tags: ['vip'],
  customerTags: ['b2b'],
  ...over,
});
let policies = 0;
const policy = (position: number, conditions: Conditions, over: { active?: boolean; createdAt?: Date } = {}) => ({
  id: `p${++policies}`,
  position,
  active: over.active ?? true,
  conditions,
  createdAt: over.createdAt ?? new Date(Date.UTC(2025, 0, 1)),
});

describe('choosing the SLA policy of an appeal', () => {
  it('takes the first matching policy by position, whatever order they come in', () => {
    const late = policy(20, { channels: ['email'] });
    const early = policy(10, { unitTypes: ['store'] });
    const catchAll = policy(100, {});
    expect(matchPolicy([catchAll, late, early], facts())).toBe(early);
    expect(matchPolicy([catchAll, late, early], facts({ unitType: 'office' }))).toBe(late);
    expect(matchPolicy([catchAll, late, early], facts({ unitType: 'office', channel: 'phone' }))).toBe(catchAll);
  });

  it('skips inactive policies and answers null when none matches', () => {
    const off = policy(1, {}, { active: false });
    expect(matchPolicy([off], facts())).toBeNull();
    expect(matchPolicy([off, policy(5, { kinds: ['thanks'] })], facts())).toBeNull();
  });

  it('breaks a tie in position by age, then by id', () => {
    const older = policy(10, {}, { createdAt: new Date(Date.UTC(2024, 0, 1)) });
    const newer = policy(10, {}, { createdAt: new Date(Date.UTC(2025, 0, 1)) });
    expect(matchPolicy([newer, older], facts())).toBe(older);
  });

  it('requires every condition given, each as "any of these"', () => {
    const conditions: Conditions = {
      unitTypes: ['store', 'service_centre'],
      channels: ['email', 'edms'],
      kinds: ['incident'],
    };
    expect(conditionsHold(conditions, facts())).toBe(true);
    expect(conditionsHold(conditions, facts({ channel: 'edms' }))).toBe(true);
    expect(conditionsHold(conditions, facts({ kind: 'thanks' }))).toBe(false);
  });

  it.each<[string, Conditions, Partial<MatchFacts>]>([
    ['unit', { unitIds: ['unit-1'] }, { unitId: 'unit-2' }],
    ['unit type', { unitTypes: ['store'] }, { unitType: 'call_centre' }],
    ['channel', { channels: ['email'] }, { channel: 'phone' }],
    ['kind', { kinds: ['incident'] }, { kind: 'question' }],
    ['category', { categoryIds: ['long_service'] }, { categoryPath: ['delivery'] }],
    ['priority', { priorities: ['normal'] }, { priority: 'urgent' }],
    ['appeal tag', { tags: ['vip'] }, { tags: ['press'] }],
    ['customer tag', { customerTags: ['b2b'] }, { customerTags: [] }],
  ])('matches on the %s and refuses another one', (_what, conditions, other) => {
    expect(conditionsHold(conditions, facts())).toBe(true);
    expect(conditionsHold(conditions, facts(other))).toBe(false);
  });

  it('lets a condition on a category cover its subcategories, but not the other way round', () => {
    expect(
      conditionsHold(
        { categoryIds: ['long_service'] },
        facts({ categoryPath: ['long_service.queue', 'long_service'] }),
      ),
    ).toBe(true);
    expect(conditionsHold({ categoryIds: ['long_service.queue'] }, facts({ categoryPath: ['long_service'] }))).toBe(
      false,
    );
    expect(conditionsHold({ categoryIds: ['long_service'] }, facts({ categoryPath: [] }))).toBe(false);
  });

  it('treats appeals without a unit as matching no unit condition', () => {
    expect(conditionsHold({ unitTypes: ['store'] }, facts({ unitId: null, unitType: null }))).toBe(false);
    expect(conditionsHold({ channels: ['email'] }, facts({ unitId: null, unitType: null }))).toBe(true);
  });

  it('reads an empty list as no condition at all', () => {
    expect(conditionsHold({ channels: [], kinds: [] }, facts())).toBe(true);
  });

  it('asks for customer tags only when an active policy looks at them', () => {
    expect(needsCustomerTags([policy(1, { channels: ['email'] })])).toBe(false);
    expect(needsCustomerTags([policy(1, { customerTags: ['vip'] }, { active: false })])).toBe(false);
    expect(needsCustomerTags([policy(1, { customerTags: ['vip'] })])).toBe(true);
  });
});
