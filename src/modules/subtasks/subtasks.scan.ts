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
        late.flatMap(({ notifyUserId, ...subtask }) =>
          notifyUserId === null
            ? []
            : [
                {
                  userId: notifyUserId,
                  appealId: subtask.appealId,
                  kind: 'subtask_late',
                  dedupeKey: `subtask_late:${subtask.id}:${subtask.dueAt.toISOString()}`,
                  payload: {
                    subtaskId: subtask.id,
                    title: subtask.title,
                    dueAt: subtask.dueAt.toISOString(),
                    appealNumber: subtask.appealNumber,
                    subject: subtask.subject,
                  },
                },
              ],
        ),
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
