// Escalations: an agent asks the supervisors to decide about an appeal, with a reason; a supervisor approves
// (and may hand the appeal to another owner or raise its priority) or rejects. Every step is in the history.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { mustExist } from '../../db/rows.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { recordEvents, visibleAppeal } from '../appeals/appeals.access.ts';
import { applyChange, lockVisible } from '../appeals/appeals.changes.ts';
import { authorize, unitScope, type Actor } from '../auth/actor.ts';
import { idempotent, type Outcome } from '../idempotency/idempotency.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as repo from './escalations.repo.ts';
import type {
  CreateEscalationInput,
  Escalation,
  EscalationDecisionInput,
  EscalationQuery,
} from './escalations.schema.ts';

const present = (escalation: repo.EscalationRow): Escalation => ({
  id: escalation.id,
  appealId: escalation.appealId,
  appealNumber: escalation.appealNumber,
  appealSubject: escalation.appealSubject,
  requestedBy: escalation.requestedBy,
  reason: escalation.reason,
  status: escalation.status as Escalation['status'],
  decidedBy: escalation.decidedBy,
  decisionNote: escalation.decisionNote,
  decidedAt: escalation.decidedAt?.toISOString() ?? null,
  createdAt: escalation.createdAt.toISOString(),
});

const alreadyPending = () => new AppError('conflict', "This appeal already waits for a supervisor's decision");

export async function listOfAppeal(ctx: Ctx, actor: Actor, appealId: string): Promise<Escalation[]> {
  await visibleAppeal(ctx.db, actor, appealId);
  return (await repo.listOfAppeal(ctx.db, appealId)).map(present);
}

/** The supervisors' inbox, which every role that reads appeals may read within its units. */
export async function listEscalations(ctx: Ctx, actor: Actor, query: EscalationQuery): Promise<Escalation[]> {
  authorize(actor, 'appeals:read');
  return (await repo.list(ctx.db, { status: query.status, unitIds: unitScope(actor), limit: query.limit })).map(
    present,
  );
}

export async function requestEscalation(
  ctx: Ctx,
  actor: Actor,
  { appealId, input, key }: { appealId: string; input: CreateEscalationInput; key?: string | undefined },
): Promise<Outcome<Escalation>> {
  authorize(actor, 'appeals:update');
  return idempotent(
    { db: ctx.db, userId: actor.id, key, route: `POST /api/v1/appeals/${appealId}/escalations`, request: input },
    async (tx) => {
      // The lock orders concurrent requests for one appeal; the partial unique index is the last word.
      await lockVisible(tx, actor, appealId);
      if (await repo.hasPending(tx, appealId)) {
        throw alreadyPending();
      }
      const id = await repo.insert(tx, { appealId, requestedBy: actor.id, reason: input.reason });
      const row = mustExist(await repo.findById(tx, id), 'escalation');
      await recordEvents(tx, appealId, actor.id, [
        { action: 'escalation_requested', field: 'escalation', newValue: { id, reason: input.reason } },
      ]);
      await notifyDeciders(tx, actor, row);
      return present(row);
    },
  );
}

export async function decideEscalation(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: EscalationDecisionInput,
): Promise<Escalation> {
  authorize(actor, 'appeals:assign_any');
  return ctx.db.transaction(async (tx) => {
    const found = await repo.findById(tx, id);
    if (!found) {
      throw notFound('Escalation');
    }
    const appeal = await lockVisible(tx, actor, found.appealId);
    const current = mustExist(await repo.findById(tx, id, true), 'escalation');
    if (current.status !== 'pending') {
      throw new AppError('conflict', `This escalation was already ${current.status}`);
    }
    await repo.decide(tx, id, { status: input.decision, decidedBy: actor.id, note: input.note ?? null });
    await recordEvents(tx, appeal.id, actor.id, [
      {
        action: 'escalation_decided',
        field: 'escalation',
        oldValue: { id, status: 'pending' },
        newValue: { id, status: input.decision, note: input.note ?? null },
      },
    ]);
    const change = {
      ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
    };
    if (input.decision === 'approved' && Object.keys(change).length > 0) {
      await applyChange({ ctx, tx, actor, current: appeal, input: change });
    }
    const row = mustExist(await repo.findById(tx, id), 'escalation');
    if (row.requestedBy !== actor.id) {
      await notify(tx, [
        {
          userId: row.requestedBy,
          appealId: row.appealId,
          kind: 'escalation_decided',
          dedupeKey: `escalation_decided:${id}`,
          payload: {
            escalationId: id,
            decision: row.status,
            note: row.decisionNote,
            appealNumber: row.appealNumber,
            subject: row.appealSubject,
          },
        },
      ]);
    }
    return present(row);
  });
}

async function notifyDeciders(tx: Queryable, actor: Actor, escalation: repo.EscalationRow) {
  const deciders = (await repo.deciderIds(tx)).filter((userId) => userId !== actor.id);
  await notify(
    tx,
    deciders.map((userId) => ({
      userId,
      appealId: escalation.appealId,
      kind: 'escalation_requested',
      dedupeKey: `escalation_requested:${escalation.id}`,
      payload: {
        escalationId: escalation.id,
        reason: escalation.reason,
        appealNumber: escalation.appealNumber,
        subject: escalation.appealSubject,
      },
    })),
  );
}
