// The late-sub-task scan: open sub-tasks past their due time are marked once (late_notified_at) and their
// appeal's owner is told, in short batches that several processes may share (FOR UPDATE SKIP LOCKED).
import type { Ctx } from '../../context.ts';
import { notify } from '../notifications/notifications.service.ts';
import { markLate } from './subtasks.repo.ts';

const BATCH = 500;

export async function scanLateSubtasks(
  ctx: Ctx,
  now = new Date(),
  opts: { batchSize?: number } = {},
): Promise<{ late: number; notifications: number }> {
  const result = { late: 0, notifications: 0 };
  for (;;) {
    const rows = await ctx.db.transaction(async (tx) => {
      const late = await markLate(tx, now, opts.batchSize ?? BATCH);
      const sent = await notify(
        tx,
        late
          .filter((s) => s.notifyUserId)
          .map((s) => ({
            userId: s.notifyUserId!,
            appealId: s.appealId,
            kind: 'subtask_late',
            dedupeKey: `subtask_late:${s.id}:${s.dueAt.toISOString()}`,
            payload: {
              subtaskId: s.id,
              title: s.title,
              dueAt: s.dueAt.toISOString(),
              appealNumber: s.appealNumber,
              subject: s.subject,
            },
          })),
      );
      result.notifications += sent.notifications;
      return late.length;
    });
    result.late += rows;
    if (rows < (opts.batchSize ?? BATCH)) {
      return result;
    }
  }
}
