// The appeals register: creating and reading appeals. Creation first reads and checks everything (most of it
// from short-lived caches), then writes: in the common case one statement, shared with the appeals other requests
// are creating at the same moment — a statement's round trip, start-up and commit cost more than its rows — or
// one transaction of its own when more must be written.
import type { Ctx } from '../../context.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { WriteBatcher } from '../../db/write-batcher.ts';
import { AppError, forbidden, notFound } from '../../server/errors.ts';
import { historyValue, linkToAppeal } from '../attachments/attachments.service.ts';
import { authorize, canSeeUnit, type Actor } from '../auth/actor.ts';
import { applyCustomerPlan, isIdentityRace } from '../customers/customers.plan.ts';
import { publishAppealEvents } from '../events/events.service.ts';
import { idempotent } from '../idempotency/idempotency.service.ts';
import { suggestForAppeal } from '../routing/classification/classification.service.ts';
import { isStaleSlaPlan, newTargetsCte, slaOfAppeal } from '../sla/sla.service.ts';
import { recordEvents } from './appeals.access.ts';
import { writeRuleEffects } from './appeals.changes.ts';
import { insertAppeals } from './appeals.insert.repo.ts';
import { type Plan, planAppeal, type PlanRequest } from './appeals.plan.ts';
import { presentAppeal } from './appeals.present.ts';
import * as repo from './appeals.repo.ts';
import type { Appeal, CreateAppealInput } from './appeals.schema.ts';
import { recordRejectedSubmission, warmPlanCaches } from './submission.ts';

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

/** Writes planned appeals, each with its customer and deadlines, in one statement; answers in their order. */
async function writeAppeals(db: Queryable, plans: readonly Plan[]): Promise<(repo.AppealRow | undefined)[]> {
  const [first] = plans;
  if (!first) {
    return [];
  }
  const { instance, version } = first.sla;
  // The statement checks one SLA configuration; plans made from two (it changed meanwhile) are written one by one.
  if (plans.some((plan) => plan.sla.instance !== instance || plan.sla.version !== version)) {
    throw new Error('Plans of two SLA configurations');
  }
  const targets = plans.map((plan) => ({ appealId: plan.appeal.id, policyId: plan.sla.policyId, rows: plan.sla.rows }));
  const items = plans.map((plan) => ({ appeal: plan.appeal, customer: plan.customer, events: plan.ruleEvents }));
  return insertAppeals(db, items, {
    slaGuard: { instance, version },
    slaTargets: (appeal, param) => newTargetsCte(appeal, targets, param),
  });
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
async function write(tx: Queryable, actor: Actor, plan: Plan): Promise<Appeal> {
  if (plan.customerUpdate) {
    await applyCustomerPlan(tx, { ...plan.customerUpdate, create: null });
  }
  const row = written((await writeAppeals(tx, [plan]))[0]);
  if (plan.attachments.length) {
    const attachmentIds = plan.attachments.map((attachment) => attachment.id);
    await linkToAppeal(tx, attachmentIds, row.id);
    const events = plan.attachments.map((attachment) => ({
      action: 'attachment_added',
      newValue: historyValue(attachment),
    }));
    await recordEvents(tx, row.id, actor.id, events);
  }
  await writeRuleEffects(tx, actor.id, row, plan.effects);
  return presentAppeal(row, plan.sla.sla);
}

/** One attempt at creating an appeal: the plan and the rows it asks for, together or on the transactional path. */
async function insertOnce(
  request: Omit<PlanRequest, 'db' | 'suggestion'>,
  key: string | undefined,
): Promise<{ body: Appeal; replayed: boolean }> {
  const { ctx, actor, input, unitId } = request;
  // From memory when warm; asked outside any transaction (a cold load reads through ctx.db).
  const suggestion = await suggestForAppeal(ctx, input);
  if (key === undefined && input.attachmentIds.length === 0) {
    const plan = await planAppeal({ ...request, db: ctx.db, suggestion });
    // The common case is one atomic statement; a known customer's new details or rules' effects need a transaction.
    if (plan.customerUpdate || plan.effects.length) {
      return { body: await ctx.db.transaction((tx) => write(tx, actor, plan)), replayed: false };
    }
    return { body: presentAppeal(written(await batcherOf(ctx.db).write(plan)), plan.sla.sla), replayed: false };
  }
  await warmPlanCaches(ctx, actor, input, unitId);
  return idempotent({ db: ctx.db, userId: actor.id, key, route: 'POST /api/v1/appeals', request: input }, async (tx) =>
    write(tx, actor, await planAppeal({ ...request, db: tx, suggestion })),
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
        const created = await insertOnce({ ctx, actor, input, unitId, freshSla: attempt > 1 }, idempotencyKey);
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
  return presentAppeal(row, await slaOfAppeal(ctx.db, row.id, ctx.clock.now()));
}
