// Owns: evaluating routing rules against an appeal. Pure — no database, no clock, no HTTP — so the create path
// can run it in microseconds and the dry run can show exactly what a create would do.
//
// Rules run in position order and each fires at most once per evaluation, so a later rule overrides an earlier
// one and rules never re-trigger themselves. A rule's changes are seen by the rules after it; when they make an
// earlier rule match, another pass runs. A chain still going after MAX_PASSES is a loop: evaluation stops there.

export const MAX_PASSES = 3;

export type RuleEvent = 'create' | 'update';

export interface EngineConditions {
  kinds?: readonly string[] | undefined;
  channels?: readonly string[] | undefined;
  unitIds?: readonly string[] | undefined;
  unitTypes?: readonly string[] | undefined;
  categoryIds?: readonly string[] | undefined;
  priorities?: readonly string[] | undefined;
  tags?: readonly string[] | undefined;
  customerTags?: readonly string[] | undefined;
  textContains?: readonly string[] | undefined;
  textMatches?: string | undefined;
  businessHours?: 'inside' | 'outside' | undefined;
}

export type EngineAction =
  | { type: 'set_category'; categoryId: string }
  | { type: 'set_priority'; priority: string }
  | { type: 'set_queue'; queueId: string }
  | { type: 'add_tags'; tags: readonly string[] }
  | { type: 'assign'; userId: string }
  | { type: 'notify'; userIds?: readonly string[] | undefined; roles?: readonly string[] | undefined }
  | { type: 'reply'; body: string }
  | {
      type: 'add_subtask';
      title: string;
      queueId?: string | undefined;
      assigneeId?: string | undefined;
      dueInWorkingMinutes?: number | undefined;
    }
  | { type: 'stop' };

export interface EngineRule {
  id: string;
  name: string;
  position: number;
  active: boolean;
  events: readonly RuleEvent[];
  conditions: EngineConditions;
  actions: readonly EngineAction[];
  createdAt?: Date | undefined;
}

/** What rules look at and change. */
export interface RuleAppeal {
  kind: string;
  channel: string;
  status: string;
  priority: string;
  subject: string;
  description: string;
  unitId: string | null;
  unitType: string | null;
  categoryId: string | null;
  queueId: string | null;
  ownerId: string | null;
  tags: readonly string[];
}

export interface Suggestion {
  categoryId: string | null;
  categoryConfidence: number;
  queueId: string | null;
  queueConfidence: number;
  applyCategory: boolean;
  applyQueue: boolean;
}

export interface EvaluationContext {
  event: RuleEvent;
  now: Date;
  insideBusinessHours: boolean;
  customerTags: readonly string[];
  suggestion?: Suggestion | null | undefined;
}

export interface Changes {
  categoryId?: string;
  priority?: string;
  queueId?: string;
  tags?: string[];
  ownerId?: string;
}

export type Effect =
  | { type: 'notify'; ruleId: string; ruleName: string; userIds: string[]; roles: string[] }
  | { type: 'reply'; ruleId: string; ruleName: string; body: string }
  | {
      type: 'subtask';
      ruleId: string;
      ruleName: string;
      title: string;
      queueId: string | null;
      assigneeId: string | null;
      dueInWorkingMinutes: number | null;
    };

export interface TraceEntry {
  /** null for the classifier. */
  ruleId: string | null;
  ruleName: string;
  action: string;
  detail: unknown;
}

export interface Evaluation {
  changes: Changes;
  effects: Effect[];
  trace: TraceEntry[];
  loopStopped: boolean;
  /** The classifier's suggestion to keep for the agent: what it did not apply; null when nothing is left. */
  suggestion: Suggestion | null;
}

export const CLASSIFIER = 'classifier';

/** Case-insensitive text with ё folded into е, as people type Russian either way. */
export const foldText = (s: string) => s.toLowerCase().replaceAll('ё', 'е');

const given = (list: readonly string[] | undefined): list is readonly string[] => list !== undefined && list.length > 0;
const oneOf = (list: readonly string[] | undefined, value: string | null) =>
  !given(list) || (value !== null && list.includes(value));
const anyOf = (list: readonly string[] | undefined, values: readonly string[]) =>
  !given(list) || values.some((v) => list.includes(v));

// Compiled once per source: the rules are cached, so their expressions are too.
const regexCache = new Map<string, RegExp | null>();
function compiled(source: string): RegExp | null {
  let re = regexCache.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, 'i');
    } catch {
      re = null;
    }
    if (regexCache.size > 1000) {
      regexCache.clear();
    }
    regexCache.set(source, re);
  }
  return re;
}

export function conditionsHold(c: EngineConditions, a: RuleAppeal, ctx: EvaluationContext): boolean {
  if (!(
    oneOf(c.kinds, a.kind) &&
    oneOf(c.channels, a.channel) &&
    oneOf(c.unitIds, a.unitId) &&
    oneOf(c.unitTypes, a.unitType) &&
    oneOf(c.categoryIds, a.categoryId) &&
    oneOf(c.priorities, a.priority) &&
    anyOf(c.tags, a.tags) &&
    anyOf(c.customerTags, ctx.customerTags)
  )) {
    return false;
  }
  if (c.businessHours && (c.businessHours === 'inside') !== ctx.insideBusinessHours) {
    return false;
  }
  if (given(c.textContains)) {
    const text = foldText(`${a.subject}\n${a.description}`);
    if (!c.textContains.some((needle) => text.includes(foldText(needle)))) {
      return false;
    }
  }
  if (c.textMatches) {
    const re = compiled(c.textMatches);
    if (!re || !(re.test(a.subject) || re.test(a.description))) {
      return false;
    }
  }
  return true;
}

/** Position order; equal positions: the older rule first, then by id, so the order never depends on the query. */
export function byPosition(a: EngineRule, b: EngineRule): number {
  return (
    a.position - b.position ||
    (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The field change an action would make to the appeal, or null when it changes nothing there. */
function fieldChange(action: EngineAction, a: RuleAppeal): Partial<RuleAppeal> | null {
  switch (action.type) {
    case 'set_category':
      return a.categoryId === action.categoryId ? null : { categoryId: action.categoryId };
    case 'set_priority':
      return a.priority === action.priority ? null : { priority: action.priority };
    case 'set_queue':
      return a.queueId === action.queueId ? null : { queueId: action.queueId };
    case 'assign':
      return a.ownerId === action.userId ? null : { ownerId: action.userId };
    case 'add_tags': {
      const added = action.tags.filter((t) => !a.tags.includes(t));
      return added.length ? { tags: [...a.tags, ...new Set(added)] } : null;
    }
    default:
      return null;
  }
}

function effectOf(rule: EngineRule, action: EngineAction): Effect | null {
  const who = { ruleId: rule.id, ruleName: rule.name };
  if (action.type === 'notify') {
    return { type: 'notify', ...who, userIds: [...(action.userIds ?? [])], roles: [...(action.roles ?? [])] };
  }
  if (action.type === 'reply') {
    return { type: 'reply', ...who, body: action.body };
  }
  if (action.type === 'add_subtask') {
    return {
      type: 'subtask',
      ...who,
      title: action.title,
      queueId: action.queueId ?? null,
      assigneeId: action.assigneeId ?? null,
      dueInWorkingMinutes: action.dueInWorkingMinutes ?? null,
    };
  }
  return null;
}

function detailOf(action: EngineAction, before: RuleAppeal): unknown {
  switch (action.type) {
    case 'set_category':
      return { from: before.categoryId, to: action.categoryId };
    case 'set_priority':
      return { from: before.priority, to: action.priority };
    case 'set_queue':
      return { from: before.queueId, to: action.queueId };
    case 'assign':
      return { from: before.ownerId, to: action.userId };
    case 'add_tags':
      return { tags: action.tags };
    case 'notify':
      return { userIds: action.userIds ?? [], roles: action.roles ?? [] };
    case 'reply':
      return { length: action.body.length };
    case 'add_subtask':
      return { title: action.title, queueId: action.queueId ?? null, assigneeId: action.assigneeId ?? null };
    case 'stop':
      return null;
  }
}

/** Applies the classifier's confident guesses to what the appeal lacks; returns what is left to suggest. */
function applySuggestion(
  s: Suggestion,
  appeal: RuleAppeal,
  changed: Set<keyof Changes>,
  trace: TraceEntry[],
): Suggestion | null {
  let leftover = false;
  if (s.categoryId) {
    if (s.applyCategory && appeal.categoryId === null) {
      appeal.categoryId = s.categoryId;
      changed.add('categoryId');
      trace.push({
        ruleId: null,
        ruleName: CLASSIFIER,
        action: 'set_category',
        detail: { to: s.categoryId, confidence: s.categoryConfidence },
      });
    } else if (appeal.categoryId === null) {
      leftover = true;
    }
  }
  if (s.queueId) {
    if (s.applyQueue && appeal.queueId === null) {
      appeal.queueId = s.queueId;
      changed.add('queueId');
      trace.push({
        ruleId: null,
        ruleName: CLASSIFIER,
        action: 'set_queue',
        detail: { to: s.queueId, confidence: s.queueConfidence },
      });
    } else if (appeal.queueId === null) {
      leftover = true;
    }
  }
  return leftover ? s : null;
}

export function evaluateRules(rules: readonly EngineRule[], start: RuleAppeal, ctx: EvaluationContext): Evaluation {
  const appeal: RuleAppeal = { ...start, tags: [...start.tags] };
  const changed = new Set<keyof Changes>();
  const effects: Effect[] = [];
  const trace: TraceEntry[] = [];
  const suggestion = ctx.suggestion ? applySuggestion(ctx.suggestion, appeal, changed, trace) : null;
  const ordered = rules.filter((r) => r.active && r.events.includes(ctx.event)).sort(byPosition);
  const fired = new Set<string>();
  let loopStopped = false;
  let stopped = false;

  for (let pass = 1; pass <= MAX_PASSES && !stopped; pass++) {
    let changedInPass = false;
    for (const rule of ordered) {
      if (fired.has(rule.id) || !conditionsHold(rule.conditions, appeal, ctx)) {
        continue;
      }
      fired.add(rule.id);
      for (const action of rule.actions) {
        if (action.type === 'stop') {
          trace.push({ ruleId: rule.id, ruleName: rule.name, action: 'stop', detail: null });
          stopped = true;
          break;
        }
        const detail = detailOf(action, appeal);
        const change = fieldChange(action, appeal);
        if (change) {
          Object.assign(appeal, change);
          for (const k of Object.keys(change)) {
            changed.add(k as keyof Changes);
          }
          changedInPass = true;
        }
        const effect = effectOf(rule, action);
        if (effect) {
          effects.push(effect);
        }
        trace.push({ ruleId: rule.id, ruleName: rule.name, action: action.type, detail });
      }
      if (stopped) {
        break;
      }
    }
    if (!changedInPass) {
      break;
    }
    // Another pass only when a change lets a rule that has not fired match now.
    const pending = ordered.find((r) => !fired.has(r.id) && conditionsHold(r.conditions, appeal, ctx));
    if (!pending) {
      break;
    }
    if (pass === MAX_PASSES && !stopped) {
      loopStopped = true;
      trace.push({
        ruleId: pending.id,
        ruleName: pending.name,
        action: 'loop_stopped',
        detail: { passes: MAX_PASSES, reason: `Rules were still changing the appeal after ${MAX_PASSES} passes` },
      });
    }
  }

  const changes: Changes = {};
  for (const key of changed) {
    const value = appeal[key];
    if (value !== null && value !== start[key]) {
      (changes as Record<string, unknown>)[key] = key === 'tags' ? [...(value as string[])] : value;
    }
  }
  if (changes.tags && changes.tags.length === start.tags.length) {
    delete changes.tags;
  }
  return { changes, effects, trace, loopStopped, suggestion };
}

/** A reply template with its placeholders filled; unknown placeholders are left as written. */
export function renderReply(body: string, vars: { customerName: string | null; number: number }): string {
  return body.replace(/\{\{\s*(customerName|number)\s*\}\}/g, (_, name: string) =>
    name === 'number' ? String(vars.number) : (vars.customerName ?? '').trim(),
  );
}

export const usesCustomerTags = (rules: readonly EngineRule[]) =>
  rules.some((r) => r.active && given(r.conditions.customerTags));
export const usesBusinessHours = (rules: readonly EngineRule[]) =>
  rules.some((r) => r.active && r.conditions.businessHours !== undefined);
export const usesUnitType = (rules: readonly EngineRule[]) =>
  rules.some((r) => r.active && given(r.conditions.unitTypes));
