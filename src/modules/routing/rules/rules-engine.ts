// Owns: evaluating routing rules against an appeal. Pure — no database, no clock, no HTTP — so the create path
// can run it in microseconds and the dry run can show exactly what a create would do.
//
// Rules run in position order and each fires at most once per evaluation, so a later rule overrides an earlier
// one and rules never re-trigger themselves. A rule's changes are seen by the rules after it; when they make an
// earlier rule match, another pass runs. A chain still going after MAX_PASSES is a loop: evaluation stops there.

import { detailOf, effectOf, fieldChange } from './rule-actions.ts';
import { conditionsHold } from './rule-conditions.ts';

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

/** The classifier's guess at the category and queue, with its confidence in each. */
export interface Suggestion {
  categoryId: string | null;
  categoryConfidence: number;
  queueId: string | null;
  queueConfidence: number;
  /** Whether each suggestion clears the configured threshold and may be applied automatically. */
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

/** Position order; equal positions: the older rule first, then by id, so the order never depends on the query. */
export function byPosition(first: EngineRule, second: EngineRule): number {
  return (
    first.position - second.position ||
    (first.createdAt?.getTime() ?? 0) - (second.createdAt?.getTime() ?? 0) ||
    (first.id < second.id ? -1 : first.id > second.id ? 1 : 0)
  );
}

/** Applies the classifier's confident guesses to what the appeal lacks; returns what is left to suggest. */
function applySuggestion(
  suggestion: Suggestion,
  appeal: RuleAppeal,
  changed: Set<keyof Changes>,
  trace: TraceEntry[],
): Suggestion | null {
  // The category and the queue alike: applied when confident and the appeal has none, else left to suggest.
  const guesses = [
    { field: 'categoryId', action: 'set_category', to: suggestion.categoryId, apply: suggestion.applyCategory },
    { field: 'queueId', action: 'set_queue', to: suggestion.queueId, apply: suggestion.applyQueue },
  ] as const;
  let leftover = false;
  for (const { field, action, to, apply } of guesses) {
    if (!to) {
      continue;
    }
    if (apply && appeal[field] === null) {
      appeal[field] = to;
      changed.add(field);
      const confidence = field === 'categoryId' ? suggestion.categoryConfidence : suggestion.queueConfidence;
      trace.push({ ruleId: null, ruleName: CLASSIFIER, action, detail: { to, confidence } });
    } else if (appeal[field] === null) {
      leftover = true;
    }
  }
  return leftover ? suggestion : null;
}

export function evaluateRules(rules: readonly EngineRule[], start: RuleAppeal, ctx: EvaluationContext): Evaluation {
  const appeal: RuleAppeal = { ...start, tags: [...start.tags] };
  const changed = new Set<keyof Changes>();
  const effects: Effect[] = [];
  const trace: TraceEntry[] = [];
  const suggestion = ctx.suggestion ? applySuggestion(ctx.suggestion, appeal, changed, trace) : null;
  const ordered = rules.filter((rule) => rule.active && rule.events.includes(ctx.event)).sort(byPosition);
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
          for (const field of Object.keys(change)) {
            changed.add(field as keyof Changes);
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
    const pending = ordered.find((rule) => !fired.has(rule.id) && conditionsHold(rule.conditions, appeal, ctx));
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
