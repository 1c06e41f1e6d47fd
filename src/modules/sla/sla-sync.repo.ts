// SQL of what re-planning reads: the appeals to re-match (locked when asked), when each was first answered and
// reported on, and the open appeals an administrator's recomputation covers.
import { type ExpressionBuilder, sql } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import { builder, run } from '../../db/sql-builder.ts';
import type { Appeals, DB } from '../../db/schema.ts';

export interface MessageFacts {
  appealId: string;
  firstOutboundAt: Date | null;
  firstUnitNoteAt: Date | null;
}

/** When each appeal was first answered and when its unit first reported, for targets added after the fact. */
export async function messageFacts(db: Queryable, appealIds: readonly string[]): Promise<MessageFacts[]> {
  if (appealIds.length === 0) {
    return [];
  }
  return db.query<MessageFacts>(
    `SELECT m.appeal_id AS "appealId",
       min(m.created_at) FILTER (WHERE m.direction = 'outbound') AS "firstOutboundAt",
       min(m.created_at) FILTER (WHERE m.direction = 'note' AND u.role = 'unit_responsible') AS "firstUnitNoteAt"
     FROM appeal_messages m LEFT JOIN users u ON u.id = m.author_id
     WHERE m.appeal_id = ANY($1::uuid[])
     GROUP BY m.appeal_id`,
    [appealIds],
  );
}

/** What policy matching and deadlines need of an appeal, with its unit's type; locked when asked. */
export interface SlaAppealRow {
  id: string;
  kind: string;
  channel: string;
  status: string;
  priority: string;
  unitId: string | null;
  unitType: string | null;
  categoryId: string | null;
  customerId: string | null;
  ownerId: string | null;
  tags: string[];
  receivedAt: Date;
  createdAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export async function appealsForSync(db: Queryable, ids: readonly string[], lock: boolean): Promise<SlaAppealRow[]> {
  if (ids.length === 0) {
    return [];
  }
  return db.query<SlaAppealRow>(
    `SELECT a.id, a.kind, a.channel, a.status, a.priority, a.unit_id AS "unitId", u.type AS "unitType",
       a.category_id AS "categoryId", a.customer_id AS "customerId", a.owner_id AS "ownerId", a.tags,
       a.received_at AS "receivedAt", a.created_at AS "createdAt", a.resolved_at AS "resolvedAt",
       a.closed_at AS "closedAt"
     FROM appeals a LEFT JOIN units u ON u.id = a.unit_id
     WHERE a.id = ANY($1::uuid[])
     ORDER BY a.id
     ${lock ? 'FOR UPDATE OF a' : ''}`,
    [ids],
  );
}

export interface RecomputeFilter {
  appealIds?: string[] | undefined;
  unitIds?: string[] | undefined;
  policyIds?: string[] | undefined;
  calendarIds?: string[] | undefined;
  statuses?: string[] | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
}

const anyUuid = (ids: readonly string[]) => sql<string>`ANY(${ids}::uuid[])`;
/** An instant given as ISO text, compared as the column's timestamptz. */
const instant = (text: string) => sql<Date>`${text}`;

/** The appeal has a target of these policies, or one counted on these calendars. */
const hasTargetWith = (
  eb: ExpressionBuilder<DB & { a: Appeals }, 'a'>,
  column: 't.policy_id' | 't.calendar_id',
  ids: readonly string[],
) =>
  eb.exists(
    eb
      .selectFrom('appeal_sla_targets as t')
      .select(sql`1`.as('one'))
      .whereRef('t.appeal_id', '=', 'a.id')
      .where(column, '=', anyUuid(ids)),
  );

/** Ids of open appeals matching the filter, in id order after `after` (keyset batches). */
export async function openAppealIds(
  db: Queryable,
  filter: RecomputeFilter,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const { appealIds = [], unitIds = [], statuses = [], policyIds = [], calendarIds = [] } = filter;
  const { createdFrom, createdTo } = filter;
  const open = builder
    .selectFrom('appeals as a')
    .select('a.id')
    .where(sql<boolean>`a.status NOT IN ('resolved', 'closed')`)
    .$if(appealIds.length > 0, (qb) => qb.where('a.id', '=', anyUuid(appealIds)))
    .$if(unitIds.length > 0, (qb) => qb.where('a.unit_id', '=', anyUuid(unitIds)))
    .$if(statuses.length > 0, (qb) => qb.where('a.status', '=', sql<string>`ANY(${statuses}::text[])`))
    .$if(Boolean(createdFrom), (qb) => qb.where('a.created_at', '>=', instant(createdFrom ?? '')))
    .$if(Boolean(createdTo), (qb) => qb.where('a.created_at', '<', instant(createdTo ?? '')))
    .$if(policyIds.length > 0, (qb) => qb.where((eb) => hasTargetWith(eb, 't.policy_id', policyIds)))
    .$if(calendarIds.length > 0, (qb) => qb.where((eb) => hasTargetWith(eb, 't.calendar_id', calendarIds)));
  const page = after === null ? open : open.where('a.id', '>', after);
  return (await run(db, page.orderBy('a.id').limit(limit))).map((row) => row.id);
}
