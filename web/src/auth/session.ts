// The logged-in user, as the server knows them, and what their role lets the screens offer.
import { useSuspenseQuery } from '@tanstack/react-query';
import { meQuery } from '../api/queries.ts';
import type { Me, Role } from '../api/contract.ts';

export const useMe = (): Me => useSuspenseQuery(meQuery).data;

/** Mirrors src/modules/auth/actor.ts so screens hide what the server would refuse; the server still decides. */
const WORKERS: ReadonlySet<Role> = new Set(['admin', 'cs_head', 'supervisor', 'agent']);
const ASSIGNERS: ReadonlySet<Role> = new Set(['admin', 'cs_head', 'supervisor']);
/** units:write, categories:write and settings:write on the server. */
const CONFIGURERS: ReadonlySet<Role> = new Set(['admin', 'cs_head']);

export const abilities = (role: Role) => ({
  workAppeals: WORKERS.has(role),
  assignAny: ASSIGNERS.has(role),
  readDirectory: role !== 'unit_responsible',
  submitFromUnit: role === 'unit_responsible' || WORKERS.has(role),
  isUnitStaff: role === 'unit_responsible',
  editCustomers: WORKERS.has(role),
  manageUnits: CONFIGURERS.has(role),
  manageCategories: CONFIGURERS.has(role),
  manageSettings: CONFIGURERS.has(role),
  manageUsers: role === 'admin',
  manageAnyToken: role === 'admin',
  /** The administration section: any directory or setting the role may change. */
  administer: CONFIGURERS.has(role),
});

export type Ability = keyof ReturnType<typeof abilities>;
