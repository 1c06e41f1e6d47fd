// The appeals register: creating and reading appeals. Creation first reads and checks everything (most of it
// from short-lived caches), then writes: in the common case one statement, shared with the appeals other requests
// are creating at the same moment — a statement's round trip, start-up and commit cost more than its rows — or
// one transaction of its own when more must be written.
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { WriteBatcher } from '../../db/write-batcher.ts';
import { AppError, fieldErrorCollector, forbidden, notFound } from '../../server/errors.ts';
import { type AttachmentInfo, historyValue, linkToAppeal, loadStaged } from '../attachments/attachments.service.ts';
import { authorize, canSeeUnit, type Actor } from '../auth/actor.ts';
import { cachedCategoryFor } from '../categories/categories.service.ts';
import { checkCustomFields } from '../custom-fields/custom-fields.service.ts';
import {
  applyCustomerPlan,
  type CustomerLookup,
  customerLookup,
  type CustomerPlan,
  isIdentityRace,
  planCustomer,
  planUpdatesCustomer,
} from '../customers/customers.service.ts';
import { publishAppealEvents } from '../events/events.service.ts';
import { idempotent } from '../idempotency/idempotency.service.ts';
import { cachedUnit } from '../units/units.service.ts';
import { suggestForAppeal, type Suggestion } from '../routing/classification/classification.service.ts';
import type { Effect } from '../routing/rules/rules-engine.ts';
import {
  evaluateFor,
  fieldChanges,
  rulesNeedCustomer,
  traceEvents,
  withAttestedOwner,
  withFittingCategory,
} from '../routing/rules/rules.service.ts';
import { writeRuleEffects } from './appeals.changes.ts';
import {
  isStaleSlaPlan,
  type NewAppealSla,
  newTargetsCte,
  planNewAppealSla,
  slaNeedsCustomer,
  slaOfAppeal,
} from '../sla/sla.service.ts';
import { checkOwner, recordEvents } from './appeals.access.ts';
import { presentAppeal } from './appeals.present.ts';
import { type AppealCustomer, insertAppeals, type NewAppeal } from './appeals.insert.repo.ts';
import * as repo from './appeals.repo.ts';
import type { Appeal, CreateAppealInput } from './appeals.schema.ts';
import { checkUnitSubmission, recordRejectedSubmission, warmPlanCaches } from './submission.ts';

/** Clock skew we forgive when a client says when the customer spoke. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function unitForSubmitter(actor: Actor, unitId: string | undefined): string | undefined {
  if (actor.role !== 'unit_responsible') {
    return unitId;
  }
  const own = unitId ?? (actor.unitIds.length === 1 ? actor.unitIds[0] : undefined);
  if (!own) {
    throw new AppError('validation_failed', 'Say which of your units submits this', [
      { path: 'unitId', code: 'required', message: 'Say which of your units submits this' },
    ]);
  }
  if (!actor.unitIds.includes(own)) {
    throw forbidden('You may submit only for your own units');
  }
  return own;
}

interface Plan {
  appeal: NewAppeal;
  customer: AppealCustomer;
  /** Contact details and a name for a known customer, written first (the transactional path). */
  customerUpdate: CustomerPlan | null;
  attachments: AttachmentInfo[];
  sla: NewAppealSla;
  /** The routing rules' trace, written as history in the create statement. */
  ruleEvents: { action: string; newValue: unknown }[];
  /** What rules ask beyond the appeal's fields (notifications, sub-tasks, replies): these take the transactional path. */
  effects: Effect[];
}

/** Every check of a new appeal, reporting all invalid fields at once; reads only (mostly from caches). */
async function plan(
  ctx: Ctx,
  db: Queryable,
  actor: Actor,
  input: CreateAppealInput,
  unitId: string | undefined,
  freshSla: boolean,
  suggestion: Suggestion | null,
): Promise<Plan> {
  const { errors, collect, throwIfAny } = fieldErrorCollector();
  const now = new Date();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    errors.push({ path: 'receivedAt', code: 'in_the_future', message: 'receivedAt cannot be in the future' });
  }
  const unit = unitId ? await collect(() => cachedUnit(ctx, unitId)) : undefined;
  if (input.categoryId) {
    await collect(() => cachedCategoryFor(ctx, input.categoryId!, input.kind));
  }
  const ownerError = await checkOwner(db, actor, input.ownerId ?? null, 'ownerId');
  if (ownerError) {
    errors.push(ownerError);
  }
  errors.push(...(await checkCustomFields(ctx, db, input.kind, input.customFields)));
  const customer = await collect(async (): Promise<{ lookup: CustomerLookup } | { plan: CustomerPlan }> => {
    // Found inside the write statement, unless SLA matching needs to know who the customer is first.
    const lookup =
      (await slaNeedsCustomer(db)) || (await rulesNeedCustomer(ctx, db)) ? null : customerLookup(input.customer);
    return lookup ? { lookup } : { plan: await planCustomer(db, input.customer) };
  });
  const attachments = input.attachmentIds.length ? await collect(() => loadStaged(db, actor, input.attachmentIds)) : [];
  throwIfAny();

  // Past throwIfAny, every collected value is there.
  const planned = 'plan' in customer! ? customer.plan : null;
  if (unit) {
    await checkUnitSubmission(ctx, actor, unit, input, planned?.name ?? null, attachments!);
  }
  const appeal: NewAppeal = {
    id: randomUUID(),
    kind: input.kind,
    channel: input.channel,
    status: input.ownerId ? 'open' : 'new',
    priority: input.priority,
    subject: input.subject,
    description: input.description,
    unitId: unitId ?? null,
    categoryId: input.categoryId ?? null,
    customerId: planned?.id ?? '',
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
  // Rules (and the classifier) shape the appeal before its deadlines are planned: a new priority means new targets.
  const evaluated = await evaluateFor(ctx, db, 'create', {
    appeal: { ...appeal, queueId: null },
    unitType: unit?.type ?? null,
    customerId: planned?.id ?? null,
    at: receivedAt,
    suggestion,
  });
  const ruled =
    evaluated &&
    (await withAttestedOwner(db, await withFittingCategory(ctx, evaluated, appeal.kind), { queueId: null }, actor));
  if (ruled) {
    Object.assign(appeal, fieldChanges(ruled, appeal.status), { suggestion: ruled.suggestion });
  }
  const sla = await planNewAppealSla(db, {
    appeal: { ...appeal, customerId: planned?.id ?? null, resolvedAt: null, closedAt: null },
    unit,
    now,
    fresh: freshSla,
  });
  return {
    appeal,
    customer:
      'lookup' in customer!
        ? { findOrCreate: customer.lookup.create }
        : planned!.create
          ? { create: planned!.create }
          : { id: planned!.id },
    customerUpdate: planned && planUpdatesCustomer(planned) ? planned : null,
    attachments: attachments!,
    sla,
    ruleEvents: ruled ? traceEvents(ruled) : [],
    effects: ruled?.effects ?? [],
  };
}

/** Writes planned appeals, each with its customer and deadlines, in one statement; answers in their order. */
async function writeAppeals(db: Queryable, plans: readonly Plan[]): Promise<(repo.AppealRow | undefined)[]> {
  const { instance, version } = plans[0]!.sla;
  // The statement checks one SLA configuration; plans made from two (it changed meanwhile) are written one by one.
  if (plans.some((p) => p.sla.instance !== instance || p.sla.version !== version)) {
    throw new Error('Plans of two SLA configurations');
  }
  const targets = plans.map((p) => ({ appealId: p.appeal.id, policyId: p.sla.policyId, rows: p.sla.rows }));
  return insertAppeals(
    db,
    plans.map((p) => ({ appeal: p.appeal, customer: p.customer, events: p.ruleEvents })),
    {
      slaGuard: { instance, version },
      slaTargets: (appeal, param) => newTargetsCte(appeal, targets, param),
    },
  );
}

const written = (row: repo.AppealRow | undefined): repo.AppealRow => {
  if (!row) {
    throw new Error('The appeal was not written');
  }
  return row;
};

/**
 * Concurrent requests' appeals share a statement (see WriteBatcher): on PostgreSQL two batches at a time, one on
 * PGlite, which runs one statement at a time anyway.
 */
const batchers = new WeakMap<Db, WriteBatcher<Plan, repo.AppealRow | undefined>>();

function batcherOf(db: Db): WriteBatcher<Plan, repo.AppealRow | undefined> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new WriteBatcher((plans) => writeAppeals(db, plans), {
      maxInFlight: db.kind === 'pglite' ? 1 : 2,
      maxBatch: 64,
    });
    batchers.set(db, batcher);
  }
  return batcher;
}

/** Writes a planned appeal inside a transaction, with everything that hangs on it. */
async function write(tx: Queryable, actor: Actor, p: Plan): Promise<Appeal> {
  if (p.customerUpdate) {
    await applyCustomerPlan(tx, { ...p.customerUpdate, create: null });
  }
  const row = written((await writeAppeals(tx, [p]))[0]);
  if (p.attachments.length) {
    await linkToAppeal(
      tx,
      p.attachments.map((a) => a.id),
      row.id,
    );
    await recordEvents(
      tx,
      row.id,
      actor.id,
      p.attachments.map((a) => ({ action: 'attachment_added', newValue: historyValue(a) })),
    );
  }
  await writeRuleEffects(tx, actor.id, row, p.effects);
  return presentAppeal(row, p.sla.sla);
}

async function insertOnce(
  ctx: Ctx,
  actor: Actor,
  input: CreateAppealInput,
  unitId: string | undefined,
  key: string | undefined,
  freshSla: boolean,
) {
  // From memory when warm; asked outside any transaction (a cold load reads through ctx.db).
  const suggestion = await suggestForAppeal(ctx, input);
  if (key === undefined && input.attachmentIds.length === 0) {
    const p = await plan(ctx, ctx.db, actor, input, unitId, freshSla, suggestion);
    // The common case is one atomic statement; a known customer's new details or rules' effects need a transaction.
    if (p.customerUpdate || p.effects.length) {
      return { body: await ctx.db.transaction((tx) => write(tx, actor, p)), replayed: false };
    }
    return { body: presentAppeal(written(await batcherOf(ctx.db).write(p)), p.sla.sla), replayed: false };
  }
  await warmPlanCaches(ctx, actor, input, unitId);
  return idempotent(ctx.db, actor.id, key, 'POST /api/v1/appeals', input, async (tx) =>
    write(tx, actor, await plan(ctx, tx, actor, input, unitId, freshSla, suggestion)),
  );
}

const MAX_ATTEMPTS = 4;

export async function createAppeal(
  ctx: Ctx,
  actor: Actor,
  input: CreateAppealInput,
  idempotencyKey?: string,
): Promise<{ body: Appeal; replayed: boolean }> {
  authorize(actor, 'appeals:create');
  const unitId = unitForSubmitter(actor, input.unitId);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await insertOnce(ctx, actor, input, unitId, idempotencyKey, attempt > 1);
        if (!created.replayed) {
          publishAppealEvents(ctx, [created.body], 'created');
        }
        return created;
      } catch (err) {
        // A concurrent request created this customer (the retry finds them), or the SLA configuration changed
        // since this process cached it (the retry plans with the current one).
        if (attempt >= MAX_ATTEMPTS || !(isIdentityRace(err) || isStaleSlaPlan(err))) {
          throw err;
        }
      }
    }
  } catch (err) {
    // The rejected attempt is counted; nothing of the attempt itself was written.
    if (err instanceof AppError && err.code === 'submission_rejected' && unitId) {
      await recordRejectedSubmission(ctx.db, unitId, actor.id, err.fields);
    }
    throw err;
  }
}

export async function getAppeal(ctx: Ctx, actor: Actor, id: string): Promise<Appeal> {
  authorize(actor, 'appeals:read');
  const row = await repo.findById(ctx.db, id);
  if (!row || !canSeeUnit(actor, row.unitId)) {
    throw notFound('Appeal');
  }
  return presentAppeal(row, await slaOfAppeal(ctx.db, row.id));
}
