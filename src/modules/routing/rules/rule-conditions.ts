// Owns: whether an appeal meets a rule's conditions — field lists, tags, the customer's tags, business hours,
// text (ё folded into е) and a regular expression — and which facts the active rules look at at all. Pure.
import type { EngineConditions, EngineRule, EvaluationContext, RuleAppeal } from './rules-engine.ts';

/** Case-insensitive text with ё folded into е, as people type Russian either way. */
export const foldText = (text: string) => text.toLowerCase().replaceAll('ё', 'е');

const given = (list: readonly string[] | undefined): list is readonly string[] => list !== undefined && list.length > 0;
const oneOf = (list: readonly string[] | undefined, value: string | null) =>
  !given(list) || (value !== null && list.includes(value));
const anyOf = (list: readonly string[] | undefined, values: readonly string[]) =>
  !given(list) || values.some((value) => list.includes(value));

// Compiled once per source: the rules are cached, so their expressions are too.
const regexCache = new Map<string, RegExp | null>();
function compiled(source: string): RegExp | null {
  let pattern = regexCache.get(source);
  if (pattern === undefined) {
    try {
      pattern = new RegExp(source, 'i');
    } catch {
      pattern = null;
    }
    if (regexCache.size > 1000) {
      regexCache.clear();
    }
    regexCache.set(source, pattern);
  }
  return pattern;
}

/** Whether the appeal, in this context, meets every condition a rule sets (an absent condition always holds). */
export function conditionsHold(
  conditions: EngineConditions,
  appeal: RuleAppeal,
  context: Pick<EvaluationContext, 'customerTags' | 'insideBusinessHours'>,
): boolean {
  const matchesFields =
    oneOf(conditions.kinds, appeal.kind) &&
    oneOf(conditions.channels, appeal.channel) &&
    oneOf(conditions.unitIds, appeal.unitId) &&
    oneOf(conditions.unitTypes, appeal.unitType) &&
    oneOf(conditions.categoryIds, appeal.categoryId) &&
    oneOf(conditions.priorities, appeal.priority) &&
    anyOf(conditions.tags, appeal.tags) &&
    anyOf(conditions.customerTags, context.customerTags);
  if (!matchesFields) {
    return false;
  }
  if (conditions.businessHours && (conditions.businessHours === 'inside') !== context.insideBusinessHours) {
    return false;
  }
  if (given(conditions.textContains)) {
    const text = foldText(`${appeal.subject}\n${appeal.description}`);
    if (!conditions.textContains.some((needle) => text.includes(foldText(needle)))) {
      return false;
    }
  }
  if (conditions.textMatches) {
    const pattern = compiled(conditions.textMatches);
    if (!pattern || !(pattern.test(appeal.subject) || pattern.test(appeal.description))) {
      return false;
    }
  }
  return true;
}

export const usesCustomerTags = (rules: readonly EngineRule[]) =>
  rules.some((rule) => rule.active && given(rule.conditions.customerTags));
export const usesBusinessHours = (rules: readonly EngineRule[]) =>
  rules.some((rule) => rule.active && rule.conditions.businessHours !== undefined);
export const usesUnitType = (rules: readonly EngineRule[]) =>
  rules.some((rule) => rule.active && given(rule.conditions.unitTypes));
