// Who is acting and what their role allows. Every route asks here; nothing trusts the client.
import { forbidden } from '../../server/errors.ts';

export const ROLES = ['admin', 'cs_head', 'supervisor', 'agent', 'unit_responsible', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'ru' | 'en';
  /** Units the user belongs to; for a unit_responsible these bound everything they see and submit. */
  unitIds: string[];
}

export type Permission =
  | 'appeals:read'
  | 'appeals:create'
  | 'appeals:update'
  | 'appeals:assign_any'
  | 'appeals:comment'
  | 'customers:read'
  | 'customers:write'
  | 'units:read'
  | 'units:write'
  | 'users:read'
  | 'users:write'
  | 'categories:read'
  | 'categories:write'
  | 'settings:read'
  | 'settings:write'
  | 'tokens:manage_any'
  | 'surveys:kiosk';

const READ: Permission[] = [
  'appeals:read',
  'customers:read',
  'units:read',
  'users:read',
  'categories:read',
  'settings:read',
];
const WORK: Permission[] = [...READ, 'appeals:create', 'appeals:update', 'appeals:comment', 'customers:write'];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([
    ...WORK,
    'appeals:assign_any',
    'units:write',
    'users:write',
    'categories:write',
    'settings:write',
    'tokens:manage_any',
    'surveys:kiosk',
  ]),
  cs_head: new Set<Permission>([
    ...WORK,
    'appeals:assign_any',
    'units:write',
    'categories:write',
    'settings:write',
    'surveys:kiosk',
  ]),
  supervisor: new Set<Permission>([...WORK, 'appeals:assign_any', 'surveys:kiosk']),
  agent: new Set<Permission>(WORK),
  unit_responsible: new Set<Permission>([
    'appeals:read',
    'appeals:create',
    'appeals:comment',
    'units:read',
    'categories:read',
    'settings:read',
    'surveys:kiosk',
  ]),
  analyst: new Set<Permission>(READ),
};

export const can = (actor: Actor, permission: Permission): boolean => GRANTS[actor.role].has(permission);

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw forbidden(`Your role (${actor.role}) may not ${permission.replace(':', ' ')}`);
  }
}

/** Units the actor is confined to, or null when they see every unit. */
export const unitScope = (actor: Actor): string[] | null => (actor.role === 'unit_responsible' ? actor.unitIds : null);

export function canSeeUnit(actor: Actor, unitId: string | null): boolean {
  const scope = unitScope(actor);
  return scope === null || (unitId !== null && scope.includes(unitId));
}

/** Roles that work appeals and may own them. */
export const OWNER_ROLES: ReadonlySet<Role> = new Set(['admin', 'cs_head', 'supervisor', 'agent']);
