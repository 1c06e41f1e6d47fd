// The live-update contract: what GET /api/v1/events streams to the web app.
import { z } from 'zod';

export const APPEAL_ACTIONS = ['created', 'updated', 'message'] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];

/** `event: appeal` — an appeal was created, changed (fields, status, owner) or got a message. */
export const AppealEvent = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    status: z.string(),
    ownerId: z.uuid().nullable(),
    unitId: z.uuid().nullable(),
    updatedAt: z.string(),
    action: z.enum(APPEAL_ACTIONS),
  })
  .meta({ id: 'AppealEvent' });
export type AppealEvent = z.infer<typeof AppealEvent>;

/** What a service hands over to announce an appeal (an Appeal, or a row of a bulk change). */
export interface AppealSnapshot {
  id: string;
  number: number;
  status: string;
  ownerId: string | null;
  unitId: string | null;
  updatedAt: string | Date;
}
