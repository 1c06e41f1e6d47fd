// Small pieces the surveys' built statements share: `= ANY(uuid[])` and clauses that apply only when a filter
// names a value.
import { sql } from 'kysely';

/** `= ANY(…::uuid[])`: one array parameter, so the statement and its plan are the same for any number of ids. */
export const anyUuid = (ids: readonly string[]) => sql<string>`ANY (${ids}::uuid[])`;

/** The clause for a filter's value, or none when the filter leaves it out: spread into `eb.and([...])`. */
export const whenGiven = <T, Clause>(value: T | null | undefined, clause: (value: T) => Clause): Clause[] =>
  value === null || value === undefined ? [] : [clause(value)];

/** Literal SQL values (statuses, kinds): partial indices are defined on them, so they stay literals. */
export const literals = (values: readonly string[]) => values.map((value) => sql.lit(value));
