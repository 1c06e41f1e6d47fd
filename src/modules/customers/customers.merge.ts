// Merging two customers: one person known twice. Everything of the merged one moves to the survivor in one
// transaction — appeals (each with a history event), phones and e-mails, the fields the survivor lacks — and
// the merged row stays as a tombstone (merged_into) so that old links still resolve.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { mustExist } from '../../db/rows.ts';
import { AppError, invalidField, notFound } from '../../server/errors.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { publishAppealEvents } from '../events/events.service.ts';
import * as mergeRepo from './customers.merge.repo.ts';
import * as repo from './customers.repo.ts';
import type { MergePreview } from './customers.schema.ts';

const SCALAR_FIELDS = ['name', 'companyName', 'companyCode', 'birthday'] as const;

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** What merging `merged` into `survivor` changes on the survivor; pure. Conflicts keep the survivor's value. */
export function planFields(merged: repo.CustomerRow, survivor: repo.CustomerRow) {
  const fills: MergePreview['fills'] = [];
  const conflicts: MergePreview['conflicts'] = [];
  for (const field of SCALAR_FIELDS) {
    const from = merged[field];
    const to = survivor[field];
    if (blank(from)) {
      continue;
    }
    if (blank(to)) {
      fills.push({ field, value: from });
    } else if (from !== to) {
      conflicts.push({ field, kept: to, dropped: from });
    }
  }
  for (const [key, value] of Object.entries(merged.consents)) {
    const kept = survivor.consents[key];
    if (kept === undefined) {
      fills.push({ field: `consents.${key}`, value });
    } else if (kept !== value) {
      conflicts.push({ field: `consents.${key}`, kept, dropped: value });
    }
  }
  const newTags = merged.tags.filter((t) => !survivor.tags.includes(t));
  if (newTags.length) {
    fills.push({ field: 'tags', value: newTags });
  }
  return { fills, conflicts };
}

/** Both customers, checked: `:id` must exist and be live, `into` must be another live customer. */
async function loadPair(db: Queryable, id: string, into: string) {
  if (id === into) {
    throw invalidField('into', 'same_customer', 'A customer cannot be merged into itself');
  }
  const merged = await repo.findById(db, id);
  if (!merged) {
    throw notFound('Customer');
  }
  if (merged.mergedInto) {
    throw new AppError('conflict', `This customer was already merged into ${merged.mergedInto}`, [
      { path: 'id', code: 'already_merged', message: `This customer was already merged into ${merged.mergedInto}` },
    ]);
  }
  const survivor = await repo.findById(db, into);
  if (!survivor) {
    throw invalidField('into', 'unknown_customer', 'No such customer');
  }
  if (survivor.mergedInto) {
    throw invalidField(
      'into',
      'merged_customer',
      `That customer was merged into ${survivor.mergedInto}; merge into that one instead`,
    );
  }
  return { merged, survivor };
}

async function preview(db: Queryable, merged: repo.CustomerRow, survivor: repo.CustomerRow): Promise<MergePreview> {
  const byKind = Object.fromEntries((await mergeRepo.appealsByKind(db, merged.id)).map((r) => [r.kind, r.count]));
  const has = new Set([
    ...survivor.phones.map((p) => `phone:${p.value}`),
    ...survivor.emails.map((e) => `email:${e.value}`),
  ]);
  const identities = [
    ...merged.phones.map((i) => ({ kind: 'phone' as const, ...i })),
    ...merged.emails.map((i) => ({ kind: 'email' as const, ...i })),
  ].map((i) => ({ ...i, outcome: has.has(`${i.kind}:${i.value}`) ? ('already_there' as const) : ('moves' as const) }));
  return {
    customerId: merged.id,
    into: survivor.id,
    appeals: { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind },
    identities,
    ...planFields(merged, survivor),
  };
}

export async function mergePreview(ctx: Ctx, actor: Actor, id: string, into: string): Promise<MergePreview> {
  authorize(actor, 'customers:read');
  const { merged, survivor } = await loadPair(ctx.db, id, into);
  return preview(ctx.db, merged, survivor);
}

export async function mergeCustomer(ctx: Ctx, actor: Actor, id: string, into: string) {
  authorize(actor, 'customers:write');
  const { result, moved } = await ctx.db.transaction(async (tx) => {
    // Checked under the locks: a concurrent merge of either customer waits, then sees the tombstone.
    if (id !== into) {
      await mergeRepo.lockPair(tx, id, into);
    }
    const { merged, survivor } = await loadPair(tx, id, into);
    const plan = await preview(tx, merged, survivor);
    const moved = await mergeRepo.moveAppeals(tx, merged.id, survivor.id, actor.id);
    // Identities first: the survivor must own them before the tombstone is marked.
    await mergeRepo.moveIdentities(tx, merged.id, survivor.id);
    const set: Record<string, unknown> = {};
    for (const fill of plan.fills) {
      if ((SCALAR_FIELDS as readonly string[]).includes(fill.field)) {
        set[fill.field] = fill.value;
      }
    }
    set.consents = { ...merged.consents, ...survivor.consents };
    set.tags = [...survivor.tags, ...merged.tags.filter((t) => !survivor.tags.includes(t))];
    await repo.update(tx, survivor.id, set);
    await mergeRepo.markMerged(tx, merged.id, survivor.id, actor.id);
    const after = mustExist(await repo.findById(tx, survivor.id), 'customer');
    return {
      moved,
      result: {
        ...plan,
        customer: { ...after, createdAt: after.createdAt.toISOString(), updatedAt: after.updatedAt.toISOString() },
      },
    };
  });
  // After the commit: live views of the moved appeals refresh.
  publishAppealEvents(ctx, moved, 'updated');
  return result;
}
