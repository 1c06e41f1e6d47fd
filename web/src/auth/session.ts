// The logged-in user, as the server knows them, and what their role lets the screens offer.
import { useSuspenseQuery } from '@tanstack/react-query';
import { meQuery } from '../api/queries.ts';
import type { Me, Role } from '../api/types.ts';

export const useMe = (): Me => useSuspenseQuery(meQuery).data;

/** Mirrors src/modules/auth/actor.ts so screens hide what the server would refuse; the server still decides. */
const WORKERS: ReadonlySet<Role> = new Set(['admin', 'cs_head', 'supervisor', 'agent']);
const ASSIGNERS: ReadonlySet<Role> = new Set(['admin', 'cs_head', 'supervisor']);

export const abilities = (role: Role) => ({
  workAppeals: WORKERS.has(role),
  assignAny: ASSIGNERS.has(role),
  readDirectory: role !== 'unit_responsible',
  submitFromUnit: role === 'unit_responsible' || WORKERS.has(role),
  isUnitStaff: role === 'unit_responsible',
});
