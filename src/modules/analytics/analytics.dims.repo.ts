// The filters every analytics read applies (units, channel, kind, categories), as conditions for the typed builder
// on the columns all the analytics stores and the register share.
import { type RawBuilder, type SqlBool, sql } from 'kysely';

export interface DimFilter {
  /** null: every unit; otherwise only these (an empty list matches nothing). */
  unitIds: string[] | null;
  channel: string | null;
  kind: string | null;
  categoryIds: string[] | null;
}

/** The conditions of given filters (the others are null, false or empty). */
const given = <T>(condition: T | null | false | ''): condition is T => Boolean(condition);

/** A filter's conditions on the shared columns (of the table `alias`, when given). */
export function dimConditions(filter: DimFilter, alias?: string): RawBuilder<SqlBool>[] {
  const column = (name: string) => sql.ref(alias ? `${alias}.${name}` : name);
  return [
    filter.unitIds && sql<SqlBool>`${column('unit_id')} = ANY(${filter.unitIds}::uuid[])`,
    filter.channel && sql<SqlBool>`${column('channel')} = ${filter.channel}`,
    filter.kind && sql<SqlBool>`${column('kind')} = ${filter.kind}`,
    filter.categoryIds && sql<SqlBool>`${column('category_id')} = ANY(${filter.categoryIds}::uuid[])`,
  ].filter(given);
}

/** An organisation day 'YYYY-MM-DD' as a date. */
export const date = (day: string) => sql<Date>`${day}::date`;
