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
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const array = (values: unknown[], type: string) => `${p(values)}::${type}[]`;
  const newCustomers = items.map(({ customer: c }) =>
    'create' in c ? c.create : 'findOrCreate' in c ? c.findOrCreate : null,
  );
  const a = (f: (n: NewAppeal) => unknown, type: string) =>
    array(
      items.map((item) => f(item.appeal)),
      type,
    );
  const c = (f: (n: NewCustomer) => unknown, type: string) =>
    array(
      newCustomers.map((n) => (n ? f(n) : null)),
      type,
    );
  const identities = items.flatMap((item, i) =>
    (newCustomers[i]?.identities ?? []).map((id) => ({ appealId: item.appeal.id, ...id })),
  );
  const events = items.flatMap((item) => item.events.map((e) => ({ appealId: item.appeal.id, ...e })));
  const given = (f: (i: (typeof identities)[number]) => unknown, type: string) => array(identities.map(f), type);
  const sql = `WITH r AS (
    SELECT * FROM unnest(${a((n) => n.id, 'uuid')}, ${array(
      items.map(({ customer }) => ('id' in customer ? 'id' : 'create' in customer ? 'create' : 'find')),
      'text',
    )},
      ${array(
        items.map(({ customer }, i) => ('id' in customer ? customer.id : newCustomers[i]!.id)),
        'uuid',
      )}, ${c((n) => n.name, 'text')},
      ${c((n) => n.companyName, 'text')}, ${c((n) => n.companyCode, 'text')},
      ${a((n) => n.kind, 'text')}, ${a((n) => n.channel, 'text')}, ${a((n) => n.status, 'text')}, ${a((n) => n.priority, 'text')},
      ${a((n) => n.subject, 'text')}, ${a((n) => n.description, 'text')}, ${a((n) => n.unitId, 'uuid')}, ${a((n) => n.categoryId, 'uuid')},
      ${a((n) => n.ownerId, 'uuid')}, ${a((n) => n.createdBy, 'uuid')}, ${a((n) => n.sequenceNumber, 'text')},
      ${a((n) => n.receivedAt, 'timestamptz')}, ${a((n) => JSON.stringify(n.tags), 'jsonb')}, ${a((n) => JSON.stringify(n.customFields), 'jsonb')},
      ${a((n) => n.createdAt, 'timestamptz')}, ${a((n) => n.queueId ?? null, 'uuid')}, ${a((n) => json(n.suggestion), 'jsonb')})
      WITH ORDINALITY AS r (id, mode, customer_id, name, company_name, company_code, kind, channel, status, priority, subject, description,
        unit_id, category_id, owner_id, created_by, sequence_number, received_at, tags, custom_fields, created_at, queue_id, suggestion, ord)),
  given AS (SELECT * FROM unnest(${given((i) => i.appealId, 'uuid')}, ${given((i) => i.kind, 'text')}, ${given((i) => i.value, 'text')},
    ${given((i) => i.placeholder, 'boolean')}) AS g (appeal_id, kind, value, placeholder)),
  -- A probe per identity (LIMIT keeps it from being flattened into a join): a generic plan made while the table was
  -- small would otherwise keep scanning it whole as it grows.
  found AS (SELECT DISTINCT ON (r.id) r.id AS appeal_id, i.customer_id AS id
    FROM r JOIN given g ON g.appeal_id = r.id AND NOT g.placeholder
    CROSS JOIN LATERAL (SELECT customer_id FROM customer_identities WHERE kind = g.kind AND value = g.value AND NOT placeholder LIMIT 1) i
    WHERE r.mode = 'find' ORDER BY r.id, g.kind = 'phone' DESC),
  added_ids AS (INSERT INTO customer_identities (customer_id, kind, value, placeholder)
    SELECT f.id, g.kind, g.value, false FROM found f JOIN given g ON g.appeal_id = f.appeal_id WHERE NOT g.placeholder
    ON CONFLICT (kind, value) WHERE NOT placeholder DO NOTHING),
  -- A blank name takes the first name given for that customer, as if the appeals had come one by one.
  named AS (UPDATE customers c SET name = n.name, updated_at = now()
    FROM (SELECT DISTINCT ON (f.id) f.id, r.name FROM found f JOIN r ON r.id = f.appeal_id WHERE r.name IS NOT NULL ORDER BY f.id, r.ord) n
    WHERE c.id = n.id AND (c.name IS NULL OR c.name = '')),
  created AS (INSERT INTO customers (id, name, company_name, company_code)
    SELECT r.customer_id, r.name, r.company_name, r.company_code FROM r
    WHERE r.mode <> 'id' AND NOT EXISTS (SELECT 1 FROM found f WHERE f.appeal_id = r.id) RETURNING id),
  created_ids AS (INSERT INTO customer_identities (customer_id, kind, value, placeholder)
    SELECT c.id, g.kind, g.value, g.placeholder FROM created c JOIN r ON r.customer_id = c.id JOIN given g ON g.appeal_id = r.id),
  customer AS (SELECT id AS appeal_id, customer_id AS id FROM r WHERE mode = 'id'
    UNION ALL SELECT appeal_id, id FROM found
    UNION ALL SELECT r.id, c.id FROM created c JOIN r ON r.customer_id = c.id),
  a AS (
    INSERT INTO appeals (id, kind, channel, status, priority, subject, description, unit_id, category_id, customer_id,
      owner_id, created_by, sequence_number, received_at, tags, custom_fields, created_at, updated_at, queue_id, suggestion)
    SELECT r.id, r.kind, r.channel, r.status, r.priority, r.subject, r.description, r.unit_id, r.category_id, customer.id,
      r.owner_id, r.created_by, r.sequence_number, r.received_at, ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.custom_fields,
      r.created_at, r.created_at, r.queue_id, r.suggestion
    FROM r JOIN customer ON customer.appeal_id = r.id
    WHERE (SELECT sla_config_is(${p(extras.slaGuard.instance)}, ${p(extras.slaGuard.version)}))
    ORDER BY r.ord
    RETURNING *),
  -- One INSERT in order, so each history reads 'created' first and then the trace as it happened.
  e AS (INSERT INTO appeal_events (appeal_id, actor_id, action, new_value, at)
    SELECT appeal_id, actor_id, action, new_value, at FROM (
      SELECT a.number, 0::bigint AS ord, a.id AS appeal_id, a.created_by AS actor_id, 'created' AS action,
        jsonb_build_object('number', a.number, 'status', a.status) AS new_value, a.created_at AS at FROM a
      UNION ALL
      SELECT a.number, t.ord, a.id, a.created_by, t.action, t.new_value, a.created_at
      FROM unnest(${array(
        events.map((x) => x.appealId),
        'uuid',
      )}, ${array(
        events.map((x) => x.action),
        'text',
      )},
        ${array(
          events.map((x) => JSON.stringify(x.newValue ?? null)),
          'jsonb',
        )}) WITH ORDINALITY AS t (appeal_id, action, new_value, ord)
      JOIN a ON a.id = t.appeal_id) x
    ORDER BY number, ord),
  targets AS (${extras.slaTargets('a', p)})
  SELECT ${COLUMNS} FROM a`;
  const rows = await db.query<AppealRow>(sql, params, { prepared: true });
  const byId = new Map(rows.map((row) => [row.id, row]));
  // Every appeal joins its customer, so none is missing; if one were, the others are written all the same.
  return items.map((item) => byId.get(item.appeal.id));
}
