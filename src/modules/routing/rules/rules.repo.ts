// SQL for routing rules, and the few lookups their actions need (recipients by role, a customer's name and tags).
import { sql } from 'kysely';
import type { Queryable } from '../../../db/db.ts';
import { queryOne } from '../../../db/rows.ts';
import { builder, runFirst } from '../../../db/sql-builder.ts';
import type { EngineAction, EngineConditions, RuleEvent } from './rules-engine.ts';

export interface RuleRow {
  id: string;
  name: string;
  position: number;
  active: boolean;
  events: RuleEvent[];
  conditions: EngineConditions;
  actions: EngineAction[];
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, name, position, active, events, conditions, actions, created_at AS "createdAt",
  updated_at AS "updatedAt"`;

export const list = (db: Queryable) =>
  db.query<RuleRow>(`SELECT ${COLUMNS} FROM routing_rules ORDER BY position, created_at, id`);

export const listActive = (db: Queryable) =>
  db.query<RuleRow>(`SELECT ${COLUMNS} FROM routing_rules WHERE active ORDER BY position, created_at, id`);

export async function findById(db: Queryable, id: string): Promise<RuleRow | undefined> {
  return (await db.query<RuleRow>(`SELECT ${COLUMNS} FROM routing_rules WHERE id = $1`, [id]))[0];
}

export interface RuleFields {
  name: string;
  position: number;
  active: boolean;
  events: string[];
  conditions: object;
  actions: object[];
}

export async function insert(db: Queryable, rule: RuleFields): Promise<RuleRow> {
  return queryOne<RuleRow>(
    db,
    `INSERT INTO routing_rules (name, position, active, events, conditions, actions)
     VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${COLUMNS}`,
    [rule.name, rule.position, rule.active, rule.events, JSON.stringify(rule.conditions), JSON.stringify(rule.actions)],
  );
}

/** Applies only the fields given (undefined leaves a field as it is). */
export async function update(db: Queryable, id: string, change: Partial<RuleFields>): Promise<RuleRow | undefined> {
  const json = (value: object | undefined) => (value === undefined ? undefined : JSON.stringify(value));
  const query = builder
    .updateTable('routing_rules')
    .set({
      name: change.name,
      position: change.position,
      active: change.active,
      events: change.events,
      conditions: json(change.conditions),
      actions: json(change.actions),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returning([
      'id',
      'name',
      'position',
      'active',
      'events',
      'conditions',
      'actions',
      'created_at as createdAt',
      'updated_at as updatedAt',
    ])
    .$castTo<RuleRow>();
  return runFirst(db, query);
}

export async function remove(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM routing_rules WHERE id = $1 RETURNING id', [id])).length > 0;
}

export async function activeUsersWithRoles(db: Queryable, roles: readonly string[]): Promise<string[]> {
  if (roles.length === 0) {
    return [];
  }
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM users WHERE active AND role = ANY($1::text[]) ORDER BY id LIMIT 500',
    [roles],
  );
  return rows.map((row) => row.id);
}

export async function customerOf(
  db: Queryable,
  customerId: string | null,
): Promise<{ name: string | null; tags: string[] }> {
  if (!customerId) {
    return { name: null, tags: [] };
  }
  const rows = await db.query<{ name: string | null; tags: string[] }>(
    'SELECT name, tags FROM customers WHERE id = $1',
    [customerId],
  );
  return rows[0] ?? { name: null, tags: [] };
}

/** Which of the ids exist in the table (for validating a rule's references when it is written). */
export async function existing(
  db: Queryable,
  table: 'categories' | 'queues' | 'users',
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
  return new Set(rows.map((row) => row.id));
}
