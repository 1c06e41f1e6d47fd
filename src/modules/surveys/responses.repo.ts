// SQL of the supervisor's view of survey responses: the filtered list with each response's answers, and the
// qualification of a response's negative answers by their cause.
import { sql } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import { builder, run } from '../../db/sql-builder.ts';
import type { Qualification } from './indices/indices.ts';
import type { InvitationStatus } from './invitations.repo.ts';
import { anyUuid, literals, whenGiven } from './sql-pieces.ts';

export interface ResponseFilter {
  id?: string | undefined;
  negative?: boolean | undefined;
  qualified?: boolean | undefined;
  unitIds: string[] | null;
  surveyId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
}

export interface ResponseRow {
  id: string;
  surveyId: string;
  surveyName: string;
  status: InvitationStatus;
  source: string;
  unitId: string | null;
  unitName: string | null;
  staffId: string | null;
  staffName: string | null;
  appealId: string | null;
  appealNumber: number | null;
  customerName: string | null;
  sentAt: Date | null;
  completedAt: Date | null;
  csatScore: number | null;
  csatMax: number | null;
  nps: number | null;
  cesScore: number | null;
  staffKey: number | null;
  officeKey: number | null;
  negative: boolean;
  qualification: Qualification | null;
  qualificationNote: string | null;
  qualifiedAt: Date | null;
  answers: { questionId: string; value: unknown }[];
}

/** An invitation the customer answered, in part or in full. */
const ANSWERED = literals(['answering', 'completed', 'lapsed']);

/** The response's answers in the order they were given, as [{questionId, value}]. */
const ANSWERS = sql<ResponseRow['answers']>`coalesce(
  (SELECT json_agg(json_build_object('questionId', sa.question_id, 'value', sa.value)
                   ORDER BY sa.answered_at, sa.question_id)
   FROM survey_answers sa WHERE sa.invitation_id = i.id),
  '[]')`.as('answers');

export function listResponses(db: Queryable, filter: ResponseFilter): Promise<ResponseRow[]> {
  const query = builder
    .selectFrom('survey_invitations as i')
    .innerJoin('surveys as s', 's.id', 'i.survey_id')
    .leftJoin('units as u', 'u.id', 'i.unit_id')
    .leftJoin('users as st', 'st.id', 'i.staff_id')
    .leftJoin('appeals as a', 'a.id', 'i.appeal_id')
    .leftJoin('customers as c', 'c.id', 'i.customer_id')
    .select([
      'i.id',
      'i.survey_id as surveyId',
      's.name as surveyName',
      'i.status',
      'i.source',
      'i.unit_id as unitId',
      'u.name as unitName',
      'i.staff_id as staffId',
      'st.name as staffName',
      'i.appeal_id as appealId',
      'a.number as appealNumber',
      'c.name as customerName',
      'i.sent_at as sentAt',
      'i.completed_at as completedAt',
      'i.csat_score as csatScore',
      'i.csat_max as csatMax',
      'i.nps',
      'i.ces_score as cesScore',
      'i.staff_key as staffKey',
      'i.office_key as officeKey',
      'i.negative',
      'i.qualification',
      'i.qualification_note as qualificationNote',
      'i.qualified_at as qualifiedAt',
      ANSWERS,
    ])
    .where((eb) =>
      eb.and([
        eb('i.status', 'in', ANSWERED),
        ...whenGiven(filter.id, (id) => eb('i.id', '=', id)),
        ...whenGiven(filter.negative, (negative) => eb('i.negative', '=', negative)),
        ...whenGiven(filter.qualified, (qualified) => eb('i.qualification', qualified ? 'is not' : 'is', null)),
        ...whenGiven(filter.unitIds, (ids) => eb('i.unit_id', '=', anyUuid(ids))),
        ...whenGiven(filter.surveyId, (id) => eb('i.survey_id', '=', id)),
        ...whenGiven(filter.from, (from) => eb('i.sent_at', '>=', from)),
        ...whenGiven(filter.to, (to) => eb('i.sent_at', '<', to)),
      ]),
    )
    .orderBy('i.sent_at', (order) => order.desc().nullsLast())
    .orderBy('i.id')
    .limit(filter.limit)
    .$castTo<ResponseRow>();
  return run(db, query);
}

export async function qualify(
  db: Queryable,
  id: string,
  decision: { qualification: Qualification | null; note: string | null; by: string },
): Promise<void> {
  await db.query(
    `UPDATE survey_invitations
     SET qualification = $2, qualification_note = $3, qualified_by = $4,
       qualified_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END
     WHERE id = $1`,
    [id, decision.qualification, decision.note, decision.by],
  );
}

export interface QualifyTarget {
  id: string;
  unitId: string | null;
  status: InvitationStatus;
  negative: boolean;
}

export async function findForQualification(db: Queryable, id: string): Promise<QualifyTarget | undefined> {
  const rows = await db.query<QualifyTarget>(
    'SELECT id, unit_id AS "unitId", status, negative FROM survey_invitations WHERE id = $1 FOR UPDATE',
    [id],
  );
  return rows[0];
}
