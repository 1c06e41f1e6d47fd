// Owns: which SLA policy applies to an appeal. Pure: the first active policy, in position order, whose every
// given condition holds. A condition is a list meaning "any of these"; an absent or empty list imposes nothing.

export interface Conditions {
  unitIds?: readonly string[] | undefined;
  unitTypes?: readonly string[] | undefined;
  channels?: readonly string[] | undefined;
  kinds?: readonly string[] | undefined;
  categoryIds?: readonly string[] | undefined;
  priorities?: readonly string[] | undefined;
  tags?: readonly string[] | undefined;
  customerTags?: readonly string[] | undefined;
}

export interface MatchFacts {
  unitId: string | null;
  unitType: string | null;
  channel: string;
  kind: string;
  /** The appeal's category and its ancestors, nearest first: a condition on a category covers its subcategories. */
  categoryPath: readonly string[];
  priority: string;
  tags: readonly string[];
  customerTags: readonly string[];
}

export interface Matchable {
  id: string;
  position: number;
  active: boolean;
  conditions: Conditions;
  createdAt?: Date | undefined;
}

const given = (list: readonly string[] | undefined): list is readonly string[] => list !== undefined && list.length > 0;
const oneOf = (list: readonly string[] | undefined, value: string | null) =>
  !given(list) || (value !== null && list.includes(value));
const anyOf = (list: readonly string[] | undefined, values: readonly string[]) =>
  !given(list) || values.some((value) => list.includes(value));

export function conditionsHold(conditions: Conditions, facts: MatchFacts): boolean {
  return (
    oneOf(conditions.unitIds, facts.unitId) &&
    oneOf(conditions.unitTypes, facts.unitType) &&
    oneOf(conditions.channels, facts.channel) &&
    oneOf(conditions.kinds, facts.kind) &&
    anyOf(conditions.categoryIds, facts.categoryPath) &&
    oneOf(conditions.priorities, facts.priority) &&
    anyOf(conditions.tags, facts.tags) &&
    anyOf(conditions.customerTags, facts.customerTags)
  );
}

/** Position order; equal positions: the older policy first, then by id, so the order never depends on the query. */
export function byPosition(left: Matchable, right: Matchable): number {
  return (
    left.position - right.position ||
    (left.createdAt?.getTime() ?? 0) - (right.createdAt?.getTime() ?? 0) ||
    (left.id < right.id ? -1 : left.id > right.id ? 1 : 0)
  );
}

/** The first active policy whose conditions hold; `policies` may come in any order. */
export function matchPolicy<P extends Matchable>(policies: readonly P[], facts: MatchFacts): P | null {
  let best: P | null = null;
  for (const policy of policies) {
    if (!policy.active || !conditionsHold(policy.conditions, facts)) {
      continue;
    }
    if (best === null || byPosition(policy, best) < 0) {
      best = policy;
    }
  }
  return best;
}

/** Whether any active policy looks at the customer's tags (only then are they worth a query). */
export const needsCustomerTags = (policies: readonly Matchable[]) =>
  policies.some((policy) => policy.active && given(policy.conditions.customerTags));
