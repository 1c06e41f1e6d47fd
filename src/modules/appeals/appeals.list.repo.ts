// The appeals list: dynamic filters over indexed columns and keyset pagination on (sort key, id).
import type { Queryable } from '../../db/db.ts';
import { type AppealRow, COLUMNS } from './appeals.repo.ts';

export interface ListFilter {
  kinds?: string[] | undefined;
  statuses?: string[] | undefined;
  channels?: string[] | undefined;
  unitIds?: string[] | undefined;
  /** The actor's unit scope, applied on top of any unit filter. */
  scopeUnitIds?: string[] | null | undefined;
  categoryIds?: string[] | undefined;
  customerId?: string | undefined;
  ownerId?: string | null | undefined;
  /** false: only appeals that have an owner (true is ownerId: null). */
  hasOwner?: boolean | undefined;
  queueIds?: string[] | undefined;
  priorities?: string[] | undefined;
  tag?: string | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  updatedFrom?: string | undefined;
  updatedTo?: string | undefined;
  q?: string | undefined;
  /** SLA states (sla-state.ts's rules, in SQL) at `now`. */
  slaStates?: string[] | undefined;
  /** A running, unpaused SLA target due before this instant. */
  dueBefore?: string | undefined;
  /** An unmet SLA target past due (or already marked breached) at `now`; false: none. */
  overdue?: boolean | undefined;
  now?: Date | undefined;
}

// The SLA state of an appeal in SQL, mirroring src/modules/sla/sla-state.ts: the most urgent running target
// decides (breached, warning, paused, ok); with none running, any breach makes it breached, else met.
const target = (condition: string) =>
  `EXISTS (SELECT 1 FROM appeal_sla_targets t WHERE t.appeal_id = a.id AND ${condition})`;
const overdueSql = (now: string) => target(`t.met_at IS NULL AND (t.breached_at IS NOT NULL OR t.due_at <= ${now})`);
// The overdue queue starts from the few unmet targets (partial index appeal_sla_targets_unmet), not from the newest
// appeals: as EXISTS, PostgreSQL walks appeals by date probing each one's targets, which reads all 1,000,000 when
// fewer than a page are overdue (3.7 s there; 31 ms this way).
const overdueAppealsSql = (now: string) =>
  `a.id = ANY(ARRAY(SELECT t.appeal_id FROM appeal_sla_targets t WHERE t.met_at IS NULL AND (t.breached_at IS NOT NULL OR t.due_at <= ${now})))`;
function slaStateSql(state: string, now: string): string {
  const open = 't.met_at IS NULL';
  const breached = overdueSql(now);
  const warning = target(
    `${open} AND t.breached_at IS NULL AND t.paused_since IS NULL AND t.warn_at <= ${now} AND t.due_at > ${now}`,
  );
  const paused = target(
    `${open} AND t.breached_at IS NULL AND t.paused_since IS NOT NULL AND (t.due_at IS NULL OR t.due_at > ${now})`,
  );
  const ok = target(
    `${open} AND t.breached_at IS NULL AND t.paused_since IS NULL AND t.due_at > ${now} AND (t.warn_at IS NULL OR t.warn_at > ${now})`,
  );
  const done = `NOT ${target(open)} AND ${target('true')}`;
  switch (state) {
    case 'breached':
      return `(${breached} OR (${done} AND ${target('t.breached_at IS NOT NULL')}))`;
    case 'warning':
      return `(${warning} AND NOT ${breached})`;
    case 'paused':
      return `(${paused} AND NOT ${breached} AND NOT ${warning})`;
    case 'ok':
      return `(${ok} AND NOT ${breached} AND NOT ${warning} AND NOT ${paused})`;
    default:
      return `(${done} AND NOT ${target('t.breached_at IS NOT NULL')})`;
  }
}

export const SORT_COLUMNS = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  receivedAt: 'received_at',
  number: 'number',
} as const;
export type SortKey = keyof typeof SORT_COLUMNS | 'dueAt';

// dueAt: the earliest unmet SLA due time, computed per row (a lateral join on the targets' unique index); appeals
// without one sort last in both directions, so their key is +infinity ascending and -infinity descending.
const dueJoin = (
  descending: boolean,
) => `CROSS JOIN LATERAL (SELECT coalesce(min(t.due_at), '${descending ? '-' : ''}infinity'::timestamptz) AS at
  FROM appeal_sla_targets t WHERE t.appeal_id = a.id AND t.met_at IS NULL) due`;

export interface ListOptions {
  sort: SortKey;
  descending: boolean;
  limit: number;
  /** The last row of the previous page: its sort key as PostgreSQL text (exact to the microsecond) and id. */
  after?: { key: string; id: string } | undefined;
}

export type ListRow = AppealRow & { sortKey: string; customerName: string | null };

export async function list(db: Queryable, f: ListFilter, o: ListOptions): Promise<ListRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const any = (column: string, values: string[] | undefined, type = 'text') => {
    if (values?.length) {
      where.push(values.length === 1 ? `a.${column} = ${p(values[0])}` : `a.${column} = ANY(${p(values)}::${type}[])`);
    }
  };
  any('kind', f.kinds);
  any('status', f.statuses);
  any('channel', f.channels);
  any('priority', f.priorities);
  any('unit_id', f.unitIds, 'uuid');
  any('category_id', f.categoryIds, 'uuid');
  any('queue_id', f.queueIds, 'uuid');
  if (f.scopeUnitIds) {
    where.push(`a.unit_id = ANY(${p(f.scopeUnitIds)}::uuid[])`);
  }
  if (f.customerId) {
    where.push(`a.customer_id = ${p(f.customerId)}`);
  }
  if (f.ownerId === null) {
    where.push('a.owner_id IS NULL');
  } else if (f.ownerId) {
    where.push(`a.owner_id = ${p(f.ownerId)}`);
  }
  if (f.hasOwner === false) {
    where.push('a.owner_id IS NULL');
  } else if (f.hasOwner) {
    where.push('a.owner_id IS NOT NULL');
  }
  if (f.tag) {
    where.push(`${p(f.tag)} = ANY(a.tags)`);
  }
  if (f.createdFrom) {
    where.push(`a.created_at >= ${p(f.createdFrom)}`);
  }
  if (f.createdTo) {
    where.push(`a.created_at < ${p(f.createdTo)}`);
  }
  if (f.receivedFrom) {
    where.push(`a.received_at >= ${p(f.receivedFrom)}`);
  }
  if (f.receivedTo) {
    where.push(`a.received_at < ${p(f.receivedTo)}`);
  }
  if (f.updatedFrom) {
    where.push(`a.updated_at >= ${p(f.updatedFrom)}`);
  }
  if (f.updatedTo) {
    where.push(`a.updated_at < ${p(f.updatedTo)}`);
  }
  if (f.q) {
    // "#123" is an appeal number; "123" may be a number or a word of the text.
    const number = /^(#?)(\d{1,15})$/.exec(f.q);
    if (number?.[1]) {
      where.push(`a.number = ${p(Number(number[2]))}`);
    } else {
      const text = `a.search @@ websearch_to_tsquery('russian', ${p(f.q)})`;
      where.push(number ? `(${text} OR a.number = ${p(Number(number[2]))})` : text);
    }
  }
  if (f.slaStates?.length || f.overdue !== undefined) {
    const now = `${p(f.now ?? new Date())}::timestamptz`;
    if (f.slaStates?.length) {
      where.push(`(${f.slaStates.map((s) => slaStateSql(s, now)).join(' OR ')})`);
    }
    if (f.overdue !== undefined) {
      where.push(f.overdue ? overdueAppealsSql(now) : `NOT ${overdueSql(now)}`);
    }
  }
  if (f.dueBefore) {
    where.push(target(`t.met_at IS NULL AND t.paused_since IS NULL AND t.due_at < ${p(f.dueBefore)}`));
  }
  const column = o.sort === 'dueAt' ? 'due.at' : `a.${SORT_COLUMNS[o.sort]}`;
  const cast = o.sort === 'number' ? 'bigint' : 'timestamptz';
  if (o.after) {
    where.push(`(${column}, a.id) ${o.descending ? '<' : '>'} (${p(o.after.key)}::${cast}, ${p(o.after.id)}::uuid)`);
  }
  const direction = o.descending ? 'DESC' : 'ASC';
  // The customer's name is looked up after the LIMIT, one primary-key probe per row of the page, so the plan that
  // finds the page stays the same index scan whatever the size of customers; the outer ORDER BY keeps the order.
  return db.query<ListRow>(
    `SELECT page.*, (SELECT coalesce(c.name, c.company_name) FROM customers c WHERE c.id = page."customerId") AS "customerName"
     FROM (SELECT ${COLUMNS}, ${column}::text AS "sortKey", ${column} AS sort_at FROM appeals a ${o.sort === 'dueAt' ? dueJoin(o.descending) : ''}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${column} ${direction}, a.id ${direction} LIMIT ${p(o.limit)}) page
     ORDER BY page.sort_at ${direction}, page.id ${direction}`,
    params,
  );
}
