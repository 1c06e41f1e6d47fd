// SQL of kiosk links: created, listed with the names a person reads (survey, unit, who made and revoked them),
// read back for the answer page (locked while a submission is saved), and revoked.
import type { ExpressionBuilder } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import type { DB } from '../../db/schema.ts';
import { builder, run, runFirst, runOne } from '../../db/sql-builder.ts';
import { anyUuid, whenGiven } from './sql-pieces.ts';

export interface KioskLinkRow {
  id: string;
  surveyId: string;
  surveyName: string;
  unitId: string;
  unitName: string;
  label: string;
  createdAt: Date;
  createdById: string | null;
  createdByName: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedByName: string | null;
}

type Links = ExpressionBuilder<DB & { link: DB['kiosk_links'] }, 'link'>;

const userName = (eb: Links, column: 'link.created_by' | 'link.revoked_by') =>
  eb.selectFrom('users').select('users.name').whereRef('users.id', '=', column);

/** A link with the names it is shown with. */
const presented = () =>
  builder
    .selectFrom('kiosk_links as link')
    .innerJoin('surveys', 'surveys.id', 'link.survey_id')
    .innerJoin('units', 'units.id', 'link.unit_id')
    .select((eb) => [
      'link.id',
      'link.survey_id as surveyId',
      'surveys.name as surveyName',
      'link.unit_id as unitId',
      'units.name as unitName',
      'link.label',
      'link.created_at as createdAt',
      'link.created_by as createdById',
      userName(eb, 'link.created_by').as('createdByName'),
      'link.expires_at as expiresAt',
      'link.revoked_at as revokedAt',
      userName(eb, 'link.revoked_by').as('revokedByName'),
    ]);

export interface NewKioskLink {
  surveyId: string;
  unitId: string;
  label: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertLink(db: Queryable, link: NewKioskLink): Promise<string> {
  const { id } = await runOne(
    db,
    builder
      .insertInto('kiosk_links')
      .values({
        survey_id: link.surveyId,
        unit_id: link.unitId,
        label: link.label,
        created_by: link.createdBy,
        created_at: link.createdAt,
        expires_at: link.expiresAt,
      })
      .returning('id'),
  );
  return id;
}

export const findLink = (db: Queryable, id: string): Promise<KioskLinkRow | undefined> =>
  runFirst(db, presented().where('link.id', '=', id)) as Promise<KioskLinkRow | undefined>;

/** What the answer page needs of a link; with `lock`, revoking it waits until the submission is saved. */
export const linkForPage = (db: Queryable, id: string, lock: boolean) =>
  runFirst(
    db,
    builder
      .selectFrom('kiosk_links')
      .select(['survey_id as surveyId', 'unit_id as unitId', 'expires_at as expiresAt', 'revoked_at as revokedAt'])
      .where('id', '=', id)
      .$if(lock, (query) => query.forShare()),
  );

export interface LinkFilter {
  surveyId?: string | undefined;
  /** null: every unit. */
  unitIds: readonly string[] | null;
  limit: number;
}

/** Links, newest first. */
export function listLinks(db: Queryable, filter: LinkFilter): Promise<KioskLinkRow[]> {
  const query = presented()
    .where((eb) =>
      eb.and([
        ...whenGiven(filter.surveyId, (surveyId) => eb('link.survey_id', '=', surveyId)),
        ...whenGiven(filter.unitIds, (unitIds) => eb('link.unit_id', '=', anyUuid(unitIds))),
      ]),
    )
    .orderBy('link.created_at', 'desc')
    .orderBy('link.id')
    .limit(filter.limit);
  return run(db, query) as Promise<KioskLinkRow[]>;
}

/** Revokes a live link (a revoked one keeps its first revocation). */
export async function revokeLink(db: Queryable, revocation: { id: string; by: string; at: Date }): Promise<void> {
  await run(
    db,
    builder
      .updateTable('kiosk_links')
      .set({ revoked_at: revocation.at, revoked_by: revocation.by })
      .where('id', '=', revocation.id)
      .where('revoked_at', 'is', null),
  );
}

/** A unit's name (a new link's label when none is given), if the unit exists. */
export async function unitName(db: Queryable, id: string): Promise<string | undefined> {
  return (await runFirst(db, builder.selectFrom('units').select('name').where('id', '=', id)))?.name;
}
