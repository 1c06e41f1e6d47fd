// SQL of what a survey needs to know of the people it asks: an appeal's customer with their real contacts, a
// customer's real contacts, and the time zone invitations of units without one speak in.
import type { Queryable } from '../../db/db.ts';

/** What a survey about a resolved appeal needs to know of it. */
export interface AppealForSurvey {
  id: string;
  unitId: string | null;
  ownerId: string | null;
  categoryId: string | null;
  channel: string;
  customerId: string | null;
  description: string;
  subject: string;
  email: string | null;
  phone: string | null;
}

/** A customer's first real (not placeholder) identity of a kind: the subquery of `customer` (an id column). */
const firstIdentity = (customer: string, kind: 'email' | 'phone') =>
  `(SELECT i.value FROM customer_identities i
    WHERE i.customer_id = ${customer} AND i.kind = '${kind}' AND NOT i.placeholder
    ORDER BY i.created_at, i.value
    LIMIT 1)`;

export async function appealForSurvey(db: Queryable, appealId: string): Promise<AppealForSurvey | undefined> {
  const rows = await db.query<AppealForSurvey>(
    `SELECT a.id, a.unit_id AS "unitId", a.owner_id AS "ownerId", a.category_id AS "categoryId", a.channel,
       a.customer_id AS "customerId", a.description, a.subject,
       ${firstIdentity('a.customer_id', 'email')} AS email,
       ${firstIdentity('a.customer_id', 'phone')} AS phone
     FROM appeals a
     WHERE a.id = $1`,
    [appealId],
  );
  return rows[0];
}

/** A customer's real (not placeholder) e-mail and phone. */
export async function customerContacts(
  db: Queryable,
  customerId: string,
): Promise<{ email: string | null; phone: string | null } | undefined> {
  const rows = await db.query<{ email: string | null; phone: string | null }>(
    `SELECT ${firstIdentity('c.id', 'email')} AS email, ${firstIdentity('c.id', 'phone')} AS phone
     FROM customers c
     WHERE c.id = $1`,
    [customerId],
  );
  return rows[0];
}

/** The time zone invitations of units without one speak in: Customer Service's calendar. */
export async function defaultTimeZone(db: Queryable): Promise<string> {
  const rows = await db.query<{ tz: string }>(
    'SELECT cal.time_zone AS tz FROM sla_settings s JOIN calendars cal ON cal.id = s.cs_calendar_id',
  );
  return rows[0]?.tz ?? 'UTC';
}
