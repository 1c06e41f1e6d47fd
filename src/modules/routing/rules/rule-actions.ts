// Owns: what each rule action does — the appeal field it changes, the effect it asks of the caller (a
// notification, a reply, a sub-task) and the detail the trace keeps of it. Pure.
import type { Effect, EngineAction, EngineRule, RuleAppeal } from './rules-engine.ts';

/** The field change an action would make to the appeal, or null when it changes nothing there. */
export function fieldChange(action: EngineAction, appeal: RuleAppeal): Partial<RuleAppeal> | null {
  switch (action.type) {
    case 'set_category':
      return appeal.categoryId === action.categoryId ? null : { categoryId: action.categoryId };
    case 'set_priority':
      return appeal.priority === action.priority ? null : { priority: action.priority };
    case 'set_queue':
      return appeal.queueId === action.queueId ? null : { queueId: action.queueId };
    case 'assign':
      return appeal.ownerId === action.userId ? null : { ownerId: action.userId };
    case 'add_tags': {
      const added = action.tags.filter((tag) => !appeal.tags.includes(tag));
      return added.length ? { tags: [...appeal.tags, ...new Set(added)] } : null;
    }
    default:
      return null;
  }
}

export function effectOf(rule: EngineRule, action: EngineAction): Effect | null {
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

export function detailOf(action: EngineAction, before: RuleAppeal): unknown {
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
