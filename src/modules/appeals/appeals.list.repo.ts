// The appeals list: dynamic filters over indexed columns and keyset pagination on (sort key, id).
import { type Expression, expressionBuilder, type RawBuilder, sql, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import type { DB } from '../../db/schema.ts';
import { builder, run } from '../../db/sql-builder.ts';
import { APPEAL_SELECTION, type AppealRow } from './appeals.repo.ts';

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
const target = (condition: RawBuilder<unknown>) =>
  sql<SqlBool>`EXISTS (SELECT 1 FROM appeal_sla_targets t WHERE t.appeal_id = a.id AND ${condition})`;
const OPEN_TARGET = sql`t.met_at IS NULL`;
const pastDue = (now: RawBuilder<Date>) => sql`t.met_at IS NULL AND (t.breached_at IS NOT NULL OR t.due_at <= ${now})`;
const overdue = (now: RawBuilder<Date>) => target(pastDue(now));
// The overdue queue starts from the few unmet targets (partial index appeal_sla_targets_unmet), not from the newest
// appeals: as EXISTS, PostgreSQL walks appeals by date probing each one's targets, which reads all 1,000,000 when
// fewer than a page are overdue (3.7 s there; 31 ms this way).
const overdueAppeals = (now: RawBuilder<Date>) =>
  sql<SqlBool>`a.id = ANY(ARRAY(SELECT t.appeal_id FROM appeal_sla_targets t WHERE ${pastDue(now)}))`;

function slaState(state: string, now: RawBuilder<Date>): RawBuilder<SqlBool> {
  const unbreached = sql`${OPEN_TARGET} AND t.breached_at IS NULL`;
  const breached = overdue(now);
  const warning = target(sql`${unbreached} AND t.paused_since IS NULL AND t.warn_at <= ${now} AND t.due_at > ${now}`);
  const paused = target(sql`${unbreached} AND t.paused_since IS NOT NULL AND (t.due_at IS NULL OR t.due_at > ${now})`);
  const ok = target(
    sql`${unbreached} AND t.paused_since IS NULL AND t.due_at > ${now} AND (t.warn_at IS NULL OR t.warn_at > ${now})`,
  );
  const done = sql`NOT ${target(OPEN_TARGET)} AND ${target(sql`true`)}`;
  const everBreached = target(sql`t.breached_at IS NOT NULL`);
  switch (state) {
    case 'breached':
      return sql`(${breached} OR (${done} AND ${everBreached}))`;
    case 'warning':
      return sql`(${warning} AND NOT ${breached})`;
    case 'paused':
      return sql`(${paused} AND NOT ${breached} AND NOT ${warning})`;
    case 'ok':
      return sql`(${ok} AND NOT ${breached} AND NOT ${warning} AND NOT ${paused})`;
    default:
      return sql`(${done} AND NOT ${everBreached})`;
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
const dueJoin = (descending: boolean) =>
  sql`LATERAL (SELECT coalesce(min(t.due_at), ${sql.lit(descending ? '-infinity' : 'infinity')}::timestamptz) AS at
    FROM appeal_sla_targets t WHERE t.appeal_id = a.id AND t.met_at IS NULL)`.as('due');

export interface ListOptions {
  sort: SortKey;
  descending: boolean;
  limit: number;
  /** The last row of the previous page: its sort key as PostgreSQL text (exact to the microsecond) and id. */
  after?: { key: string; id: string } | undefined;
}

export type ListRow = AppealRow & { sortKey: string; customerName: string | null };

type ListTables = DB & { a: DB['appeals'] };
const eb = expressionBuilder<ListTables, 'a'>();
type AppealColumn = 'kind' | 'status' | 'channel' | 'priority' | 'unit_id' | 'category_id' | 'queue_id';

/** One value is an equality (its index's best case); several are `= ANY(array)`, one parameter however many. */
function oneOf(column: AppealColumn, values: string[] | undefined, type: 'text' | 'uuid' = 'text') {
  if (!values?.length) {
    return [];
  }
  const [only] = values;
  return [
    values.length === 1 && only !== undefined
      ? eb(`a.${column}`, '=', only)
      : eb(`a.${column}`, '=', eb.fn.any(sql<string[]>`${values}::${sql.raw(type)}[]`)),
  ];
}

/** An instant as the client wrote it: PostgreSQL reads it (in its own time zone, for a bare date). */
const instant = (value: string) => sql<Date>`${value}`;

/** `[from, to)` on a timestamp column; either end may be open. */
function between(column: 'created_at' | 'received_at' | 'updated_at', from?: string, to?: string) {
  return [
    ...(from ? [eb(`a.${column}`, '>=', instant(from))] : []),
    ...(to ? [eb(`a.${column}`, '<', instant(to))] : []),
  ];
}

function ownerConditions(filter: ListFilter): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.ownerId === null) {
    conditions.push(eb('a.owner_id', 'is', null));
  } else if (filter.ownerId) {
    conditions.push(eb('a.owner_id', '=', filter.ownerId));
  }
  if (filter.hasOwner === false) {
    conditions.push(eb('a.owner_id', 'is', null));
  } else if (filter.hasOwner) {
    conditions.push(eb('a.owner_id', 'is not', null));
  }
  return conditions;
}

/** "#123" is an appeal number; "123" may be a number or a word of the text. */
function searchCondition(search: string): Expression<SqlBool> {
  const number = /^(#?)(\d{1,15})$/.exec(search);
  if (number?.[1]) {
    return eb('a.number', '=', Number(number[2]));
  }
  const text = sql<SqlBool>`a.search @@ websearch_to_tsquery('russian', ${search})`;
  return number ? eb.or([text, eb('a.number', '=', Number(number[2]))]) : text;
}

function slaConditions(filter: ListFilter): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  const now = sql<Date>`${filter.now ?? new Date()}::timestamptz`;
  if (filter.slaStates?.length) {
    conditions.push(eb.or(filter.slaStates.map((state) => slaState(state, now))));
  }
  if (filter.overdue !== undefined) {
    conditions.push(filter.overdue ? overdueAppeals(now) : eb.not(overdue(now)));
  }
  if (filter.dueBefore) {
    const dueBefore = filter.dueBefore;
    conditions.push(target(sql`t.met_at IS NULL AND t.paused_since IS NULL AND t.due_at < ${dueBefore}`));
  }
  return conditions;
}

function conditionsOf(filter: ListFilter): Expression<SqlBool>[] {
  return [
    ...oneOf('kind', filter.kinds),
    ...oneOf('status', filter.statuses),
    ...oneOf('channel', filter.channels),
    ...oneOf('priority', filter.priorities),
    ...oneOf('unit_id', filter.unitIds, 'uuid'),
    ...oneOf('category_id', filter.categoryIds, 'uuid'),
    ...oneOf('queue_id', filter.queueIds, 'uuid'),
    ...(filter.scopeUnitIds ? [eb('a.unit_id', '=', eb.fn.any(sql<string[]>`${filter.scopeUnitIds}::uuid[]`))] : []),
    ...(filter.customerId ? [eb('a.customer_id', '=', filter.customerId)] : []),
    ...ownerConditions(filter),
    ...(filter.tag ? [eb(eb.val(filter.tag), '=', eb.fn.any('a.tags'))] : []),
    ...between('created_at', filter.createdFrom, filter.createdTo),
    ...between('received_at', filter.receivedFrom, filter.receivedTo),
    ...between('updated_at', filter.updatedFrom, filter.updatedTo),
    ...(filter.q ? [searchCondition(filter.q)] : []),
    ...slaConditions(filter),
  ];
}

/** The page's rows after the previous page's last one, in the list's order. */
function keysetAfter(options: ListOptions, sortKey: RawBuilder<unknown>): Expression<SqlBool>[] {
  if (!options.after) {
    return [];
  }
  const cast = sql.raw(options.sort === 'number' ? 'bigint' : 'timestamptz');
  const comparison = sql.raw(options.descending ? '<' : '>');
  const { key, id } = options.after;
  return [sql<SqlBool>`(${sortKey}, a.id) ${comparison} (${key}::${cast}, ${id}::uuid)`];
}

export async function list(db: Queryable, filter: ListFilter, options: ListOptions): Promise<ListRow[]> {
  const byDue = options.sort === 'dueAt';
  const sortKey = sql.ref(byDue ? 'due.at' : `a.${SORT_COLUMNS[options.sort as keyof typeof SORT_COLUMNS]}`);
  const direction = options.descending ? 'desc' : 'asc';
  const conditions = [...conditionsOf(filter), ...keysetAfter(options, sortKey)];
  const page = builder
    .selectFrom('appeals as a')
    .$if(byDue, (qb) => qb.crossJoin(dueJoin(options.descending)))
    .select([...APPEAL_SELECTION, sql<string>`${sortKey}::text`.as('sortKey'), sortKey.as('sort_at')])
    .$if(conditions.length > 0, (qb) => qb.where(eb.and(conditions)))
    .orderBy(sortKey, direction)
    .orderBy('a.id', direction)
    .limit(options.limit);
  // The customer's name is looked up after the LIMIT, one primary-key probe per row of the page, so the plan that
  // finds the page stays the same index scan whatever the size of customers; the outer ORDER BY keeps the order.
  const query = builder
    .selectFrom(page.as('page'))
    .selectAll('page')
    .select((outer) =>
      outer
        .selectFrom('customers as c')
        .select((inner) => inner.fn.coalesce('c.name', 'c.company_name').as('name'))
        .whereRef('c.id', '=', 'page.customerId')
        .as('customerName'),
    )
    .orderBy('page.sort_at', direction)
    .orderBy('page.id', direction)
    .$castTo<ListRow>();
  return run(db, query);
}
