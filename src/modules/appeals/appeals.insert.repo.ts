// SQL that writes new appeals: any number of them, each with its customer, history and SLA targets, in one statement.
import type { Queryable } from '../../db/db.ts';
import { type AppealRow, COLUMNS } from './appeals.repo.ts';

type Given =
  | 'id'
  | 'kind'
  | 'channel'
  | 'status'
  | 'priority'
  | 'subject'
  | 'description'
  | 'unitId'
  | 'categoryId'
  | 'ownerId'
  | 'sequenceNumber'
  | 'receivedAt'
  | 'createdAt'
  | 'tags'
  | 'customFields';

/** A new appeal's row as the service plans it; its number, update time and search vector come from the database. */
export interface NewAppeal extends Pick<AppealRow, Given> {
  customerId: string;
  createdBy: string;
  /** Set by routing rules or the classifier at creation. */
  queueId?: string | null | undefined;
  suggestion?: unknown;
}

export interface NewIdentity {
  kind: string;
  value: string;
  placeholder: boolean;
}

export interface NewCustomer {
  id: string;
  name: string | null;
  companyName: string | null;
  companyCode: string | null;
  identities: NewIdentity[];
}

/** The customer of a new appeal: known by id, to create, or to find by real identities (else create). */
export type AppealCustomer = { id: string } | { create: NewCustomer } | { findOrCreate: NewCustomer };

export interface AppealToInsert {
  appeal: NewAppeal;
  customer: AppealCustomer;
  /** More history events after 'created' (the routing rules' trace), by the appeal's creator at its creation. */
  events: readonly { action: string; newValue: unknown }[];
}

/** What the statement checks and writes beside the appeals. */
export interface InsertExtras {
  /** The SLA configuration the targets were planned from: the statement fails (OT001) if it has changed since. */
  slaGuard: { instance: string; version: number };
  /** Builds the CTE body that writes the targets, given the appeals CTE's name and the parameter collector. */
  slaTargets: (appeal: string, param: (value: unknown) => string) => string;
}

const json = (value: unknown) => (value == null ? null : JSON.stringify(value));

/** A statement's parameters, collected in order; each call answers the placeholder of the value it added. */
function parameterList() {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  return { params, param };
}

/** One column of an `unnest(...)` of arrays: its name, its element type, and its value for one row. */
type UnnestColumn<Row> = readonly [name: string, type: string, value: (row: Row) => unknown];

/** `unnest($1::uuid[], $2::text[], …)`: one array parameter per column, the rows given element by element. */
function unnestOf<Row>(columns: readonly UnnestColumn<Row>[], rows: readonly Row[], param: (value: unknown) => string) {
  return `unnest(${columns.map(([, type, value]) => `${param(rows.map(value))}::${type}[]`).join(', ')})`;
}
const namesOf = (columns: readonly UnnestColumn<never>[]) => columns.map(([name]) => name).join(', ');

/** A new appeal with its customer: the customer to create or find, if it is not known by id. */
interface AppealInput {
  item: AppealToInsert;
  newCustomer: NewCustomer | null;
}

const newCustomerOf = ({ customer }: AppealToInsert): NewCustomer | null =>
  'create' in customer ? customer.create : 'findOrCreate' in customer ? customer.findOrCreate : null;

/** The columns of `r`, a row per appeal, in the order of the statement's parameters. */
const APPEAL_INPUT_COLUMNS: readonly UnnestColumn<AppealInput>[] = [
  ['id', 'uuid', ({ item }) => item.appeal.id],
  ['mode', 'text', ({ item: { customer } }) => ('id' in customer ? 'id' : 'create' in customer ? 'create' : 'find')],
  ['customer_id', 'uuid', ({ item, newCustomer }) => ('id' in item.customer ? item.customer.id : newCustomer?.id)],
  ['name', 'text', ({ newCustomer }) => newCustomer?.name ?? null],
  ['company_name', 'text', ({ newCustomer }) => newCustomer?.companyName ?? null],
  ['company_code', 'text', ({ newCustomer }) => newCustomer?.companyCode ?? null],
  ['kind', 'text', ({ item }) => item.appeal.kind],
  ['channel', 'text', ({ item }) => item.appeal.channel],
  ['status', 'text', ({ item }) => item.appeal.status],
  ['priority', 'text', ({ item }) => item.appeal.priority],
  ['subject', 'text', ({ item }) => item.appeal.subject],
  ['description', 'text', ({ item }) => item.appeal.description],
  ['unit_id', 'uuid', ({ item }) => item.appeal.unitId],
  ['category_id', 'uuid', ({ item }) => item.appeal.categoryId],
  ['owner_id', 'uuid', ({ item }) => item.appeal.ownerId],
  ['created_by', 'uuid', ({ item }) => item.appeal.createdBy],
  ['sequence_number', 'text', ({ item }) => item.appeal.sequenceNumber],
  ['received_at', 'timestamptz', ({ item }) => item.appeal.receivedAt],
  ['tags', 'jsonb', ({ item }) => JSON.stringify(item.appeal.tags)],
  ['custom_fields', 'jsonb', ({ item }) => JSON.stringify(item.appeal.customFields)],
  ['created_at', 'timestamptz', ({ item }) => item.appeal.createdAt],
  ['queue_id', 'uuid', ({ item }) => item.appeal.queueId ?? null],
  ['suggestion', 'jsonb', ({ item }) => json(item.appeal.suggestion)],
];

/** The contact details given for a new customer, each with its appeal (`given`). */
type GivenIdentity = NewIdentity & { appealId: string };
const GIVEN_IDENTITY_COLUMNS: readonly UnnestColumn<GivenIdentity>[] = [
  ['appeal_id', 'uuid', (identity) => identity.appealId],
  ['kind', 'text', (identity) => identity.kind],
  ['value', 'text', (identity) => identity.value],
  ['placeholder', 'boolean', (identity) => identity.placeholder],
];

/** The history events after 'created' (the rules' trace), each with its appeal. */
type TraceEvent = { appealId: string; action: string; newValue: unknown };
const TRACE_EVENT_COLUMNS: readonly UnnestColumn<TraceEvent>[] = [
  ['appeal_id', 'uuid', (event) => event.appealId],
  ['action', 'text', (event) => event.action],
  ['new_value', 'jsonb', (event) => JSON.stringify(event.newValue ?? null)],
];

/** The statement's variable parts: the three unnests, the SLA configuration check and the targets' CTE. */
interface StatementParts {
  appeals: string;
  identities: string;
  events: string;
  slaConfigIsCurrent: string;
  targets: string;
}

const insertStatement = (parts: StatementParts) => `WITH r AS (
    SELECT * FROM ${parts.appeals} WITH ORDINALITY AS r (${namesOf(APPEAL_INPUT_COLUMNS)}, ord)),
  given AS (SELECT * FROM ${parts.identities} AS g (${namesOf(GIVEN_IDENTITY_COLUMNS)})),
  -- A probe per identity (LIMIT keeps it from being flattened into a join): a generic plan made while the table was
  -- small would otherwise keep scanning it whole as it grows.
  found AS (SELECT DISTINCT ON (r.id) r.id AS appeal_id, i.customer_id AS id
    FROM r JOIN given g ON g.appeal_id = r.id AND NOT g.placeholder
    CROSS JOIN LATERAL (SELECT customer_id FROM customer_identities
      WHERE kind = g.kind AND value = g.value AND NOT placeholder LIMIT 1) i
    WHERE r.mode = 'find' ORDER BY r.id, g.kind = 'phone' DESC),
  added_ids AS (INSERT INTO customer_identities (customer_id, kind, value, placeholder)
    SELECT f.id, g.kind, g.value, false FROM found f JOIN given g ON g.appeal_id = f.appeal_id WHERE NOT g.placeholder
    ON CONFLICT (kind, value) WHERE NOT placeholder DO NOTHING),
  -- A blank name takes the first name given for that customer, as if the appeals had come one by one.
  named AS (UPDATE customers c SET name = n.name, updated_at = now()
    FROM (SELECT DISTINCT ON (f.id) f.id, r.name FROM found f JOIN r ON r.id = f.appeal_id
      WHERE r.name IS NOT NULL ORDER BY f.id, r.ord) n
    WHERE c.id = n.id AND (c.name IS NULL OR c.name = '')),
  created AS (INSERT INTO customers (id, name, company_name, company_code)
    SELECT r.customer_id, r.name, r.company_name, r.company_code FROM r
    WHERE r.mode <> 'id' AND NOT EXISTS (SELECT 1 FROM found f WHERE f.appeal_id = r.id) RETURNING id),
  created_ids AS (INSERT INTO customer_identities (customer_id, kind, value, placeholder)
    SELECT c.id, g.kind, g.value, g.placeholder
    FROM created c JOIN r ON r.customer_id = c.id JOIN given g ON g.appeal_id = r.id),
  customer AS (SELECT id AS appeal_id, customer_id AS id FROM r WHERE mode = 'id'
    UNION ALL SELECT appeal_id, id FROM found
    UNION ALL SELECT r.id, c.id FROM created c JOIN r ON r.customer_id = c.id),
  a AS (
    INSERT INTO appeals (id, kind, channel, status, priority, subject, description, unit_id, category_id,
      customer_id, owner_id, created_by, sequence_number, received_at, tags, custom_fields, created_at, updated_at,
      queue_id, suggestion)
    SELECT r.id, r.kind, r.channel, r.status, r.priority, r.subject, r.description, r.unit_id, r.category_id,
      customer.id, r.owner_id, r.created_by, r.sequence_number, r.received_at,
      ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.custom_fields, r.created_at, r.created_at,
      r.queue_id, r.suggestion
    FROM r JOIN customer ON customer.appeal_id = r.id
    WHERE (SELECT ${parts.slaConfigIsCurrent})
    ORDER BY r.ord
    RETURNING *),
  -- One INSERT in order, so each history reads 'created' first and then the trace as it happened.
  e AS (INSERT INTO appeal_events (appeal_id, actor_id, action, new_value, at)
    SELECT appeal_id, actor_id, action, new_value, at FROM (
      SELECT a.number, 0::bigint AS ord, a.id AS appeal_id, a.created_by AS actor_id, 'created' AS action,
        jsonb_build_object('number', a.number, 'status', a.status) AS new_value, a.created_at AS at FROM a
      UNION ALL
      SELECT a.number, t.ord, a.id, a.created_by, t.action, t.new_value, a.created_at
      FROM ${parts.events} WITH ORDINALITY AS t (${namesOf(TRACE_EVENT_COLUMNS)}, ord)
      JOIN a ON a.id = t.appeal_id) x
    ORDER BY number, ord),
  targets AS (${parts.targets})
  SELECT ${COLUMNS} FROM a`;

/**
 * Writes the appeals in one atomic statement (one round trip, one commit, one run of the statement triggers: on
 * this machine those cost more than the rows themselves). For each appeal it finds the customer by a real phone
 * (then e-mail) or creates them — adding the contact details a known customer lacks unless someone else owns them,
 * and filling a blank name — then inserts the appeal, its 'created' event and trace, and its SLA targets. The
 * customer part touches the customers module's tables; it is here because it must share the statement. New
 * customers' identities go in without ON CONFLICT, so two appeals racing to create the same customer fail the
 * statement (the caller retries, and the retry finds them) rather than duplicate them. The shape of the statement
 * never changes, so it stays prepared. Rows come back in the order given (numbers are given in that order too).
 */
export async function insertAppeals(
  db: Queryable,
  items: readonly AppealToInsert[],
  extras: InsertExtras,
): Promise<(AppealRow | undefined)[]> {
  const { params, param } = parameterList();
  const inputs = items.map((item) => ({ item, newCustomer: newCustomerOf(item) }));
  const identities = inputs.flatMap(({ item, newCustomer }) =>
    (newCustomer?.identities ?? []).map((identity) => ({ appealId: item.appeal.id, ...identity })),
  );
  const events = items.flatMap((item) => item.events.map((event) => ({ appealId: item.appeal.id, ...event })));
  const { instance, version } = extras.slaGuard;
  const statement = insertStatement({
    appeals: unnestOf(APPEAL_INPUT_COLUMNS, inputs, param),
    identities: unnestOf(GIVEN_IDENTITY_COLUMNS, identities, param),
    slaConfigIsCurrent: `sla_config_is(${param(instance)}, ${param(version)})`,
    events: unnestOf(TRACE_EVENT_COLUMNS, events, param),
    targets: extras.slaTargets('a', param),
  });
  const rows = await db.query<AppealRow>(statement, params, { prepared: true });
  const byId = new Map(rows.map((row) => [row.id, row]));
  // Every appeal joins its customer, so none is missing; if one were, the others are written all the same.
  return items.map((item) => byId.get(item.appeal.id));
}
