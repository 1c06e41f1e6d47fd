// Planning a new appeal: every check (all invalid fields reported at once), the routing rules and the classifier,
// the customer to find or create and the SLA targets. Reads only, mostly from short-lived caches.
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { fieldErrorCollector } from '../../server/errors.ts';
import { type AttachmentInfo, loadStaged } from '../attachments/attachments.service.ts';
import type { Actor } from '../auth/actor.ts';
import { cachedCategoryFor } from '../categories/categories.service.ts';
import { checkCustomFields } from '../custom-fields/custom-fields.service.ts';
import {
  type CustomerLookup,
  customerLookup,
  type CustomerPlan,
  planCustomer,
  planUpdatesCustomer,
} from '../customers/customers.plan.ts';
import type { Suggestion } from '../routing/classification/classification.service.ts';
import type { Effect, Evaluation } from '../routing/rules/rules-engine.ts';
import {
  evaluateFor,
  fieldChanges,
  rulesNeedCustomer,
  traceEvents,
  withAttestedOwner,
  withFittingCategory,
} from '../routing/rules/rules.service.ts';
import { type NewAppealSla, planNewAppealSla, slaNeedsCustomer } from '../sla/sla.service.ts';
import { cachedUnit } from '../units/units.service.ts';
import { checkOwner } from './appeals.access.ts';
import type { AppealCustomer, NewAppeal } from './appeals.insert.repo.ts';
import type { CreateAppealInput } from './appeals.schema.ts';
import { checkUnitSubmission } from './submission.ts';

/** Clock skew we forgive when a client says when the customer spoke. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface Plan {
  appeal: NewAppeal;
  customer: AppealCustomer;
  /** Contact details and a name for a known customer, written first (the transactional path). */
  customerUpdate: CustomerPlan | null;
  attachments: AttachmentInfo[];
  sla: NewAppealSla;
  /** The routing rules' trace, written as history in the create statement. */
  ruleEvents: { action: string; newValue: unknown }[];
  /** What rules ask beyond the fields (notifications, sub-tasks, replies): these take the transactional path. */
  effects: Effect[];
}

export interface PlanRequest {
  ctx: Ctx;
  /** Where to read: the connection, or the transaction the appeal will be written in. */
  db: Queryable;
  actor: Actor;
  input: CreateAppealInput;
  unitId: string | undefined;
  /** Plan with the SLA configuration read afresh (a retry after it changed). */
  freshSla: boolean;
  /** The classifier's suggestion, asked before any transaction. */
  suggestion: Suggestion | null;
}

/** Found inside the write statement, unless SLA matching or rules need to know who the customer is first. */
type CustomerChoice = { lookup: CustomerLookup } | { plan: CustomerPlan };

interface CheckedInput {
  receivedAt: Date;
  unit: Awaited<ReturnType<typeof cachedUnit>> | undefined;
  customer: CustomerChoice;
  attachments: AttachmentInfo[];
}

/** Every check of the input, reporting all invalid fields at once. */
async function checkInput({ ctx, db, actor, input, unitId }: PlanRequest, now: Date): Promise<CheckedInput> {
  const { errors, collect, throwIfAny } = fieldErrorCollector();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    errors.push({ path: 'receivedAt', code: 'in_the_future', message: 'receivedAt cannot be in the future' });
  }
  const unit = unitId ? await collect(() => cachedUnit(ctx, unitId)) : undefined;
  const categoryId = input.categoryId;
  if (categoryId) {
    await collect(() => cachedCategoryFor(ctx, categoryId, input.kind));
  }
  const ownerError = await checkOwner(db, actor, input.ownerId ?? null, 'ownerId');
  if (ownerError) {
    errors.push(ownerError);
  }
  errors.push(...(await checkCustomFields(ctx, db, input.kind, input.customFields)));
  const customer = await collect(async (): Promise<CustomerChoice> => {
    const lookup =
      (await slaNeedsCustomer(db)) || (await rulesNeedCustomer(ctx, db)) ? null : customerLookup(input.customer);
    return lookup ? { lookup } : { plan: await planCustomer(db, input.customer) };
  });
  const attachments = input.attachmentIds.length ? await collect(() => loadStaged(db, actor, input.attachmentIds)) : [];
  throwIfAny();
  if (customer === undefined || attachments === undefined) {
    throw new Error('a check failed without saying which field');
  }
  return { receivedAt, unit, customer, attachments };
}

function newAppealRow(request: PlanRequest, receivedAt: Date, now: Date, customerId: string | null): NewAppeal {
  const { actor, input, unitId } = request;
  return {
    id: randomUUID(),
    kind: input.kind,
    channel: input.channel,
    status: input.ownerId ? 'open' : 'new',
    priority: input.priority,
    subject: input.subject,
    description: input.description,
    unitId: unitId ?? null,
    categoryId: input.categoryId ?? null,
    customerId: customerId ?? '',
    ownerId: input.ownerId ?? null,
    createdBy: actor.id,
    sequenceNumber: input.sequenceNumber ?? null,
    receivedAt,
    createdAt: now,
    tags: [...new Set(input.tags)],
    customFields: input.customFields,
    queueId: null,
    suggestion: null,
  };
}

/** Rules (and the classifier) shape the appeal before its deadlines are planned: a new priority means new targets. */
async function applyCreateRules(
  request: PlanRequest,
  appeal: NewAppeal,
  unitType: string | null,
  customerId: string | null,
): Promise<Evaluation | null> {
  const { ctx, db, actor, suggestion } = request;
  const facts = { appeal: { ...appeal, queueId: null }, unitType, customerId, at: appeal.receivedAt, suggestion };
  const evaluated = await evaluateFor(ctx, db, 'create', facts);
  const ruled =
    evaluated &&
    (await withAttestedOwner(db, await withFittingCategory(ctx, evaluated, appeal.kind), { queueId: null }, actor));
  if (ruled) {
    Object.assign(appeal, fieldChanges(ruled, appeal.status), { suggestion: ruled.suggestion });
  }
  return ruled;
}

function customerToWrite(choice: CustomerChoice): AppealCustomer {
  if ('lookup' in choice) {
    return { findOrCreate: choice.lookup.create };
  }
  return choice.plan.create ? { create: choice.plan.create } : { id: choice.plan.id };
}

/** Every check of a new appeal, then the rows to write; reads only (mostly from caches). */
export async function planAppeal(request: PlanRequest): Promise<Plan> {
  const { ctx, db, actor, input } = request;
  const now = ctx.clock.now();
  const { receivedAt, unit, customer, attachments } = await checkInput(request, now);
  const planned = 'plan' in customer ? customer.plan : null;
  if (unit) {
    await checkUnitSubmission(ctx, actor, { unit, input, customerName: planned?.name ?? null, attachments });
  }
  const appeal = newAppealRow(request, receivedAt, now, planned?.id ?? null);
  const ruled = await applyCreateRules(request, appeal, unit?.type ?? null, planned?.id ?? null);
  const slaAppeal = { ...appeal, customerId: planned?.id ?? null, resolvedAt: null, closedAt: null };
  const sla = await planNewAppealSla(db, { appeal: slaAppeal, unit, now, fresh: request.freshSla });
  return {
    appeal,
    customer: customerToWrite(customer),
    customerUpdate: planned && planUpdatesCustomer(planned) ? planned : null,
    attachments,
    sla,
    ruleEvents: ruled ? traceEvents(ruled) : [],
    effects: ruled?.effects ?? [],
  };
}
