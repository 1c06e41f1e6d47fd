-- Survey indices read from exact roll-ups instead of the raw rows: survey_tallies holds, per month (of sent_at, in
-- the roll-up's time zone), unit, survey and one key per grouping (staff, category, channel; none for 'unit'), the
-- counters the indices are made of; survey_event_tallies counts imported purchase events per month, unit, staff
-- and channel. Statement triggers keep both in the writing transaction, so they commit or roll back with it.
-- Reads take whole months from the roll-ups and the period's edges from the raw rows (indices.repo.ts).

-- The month of a roll-up row is a calendar month in this zone (seeded from the Customer Service calendar).
-- Changing it must run rebuild_survey_tallies() in the same transaction: the roll-ups hold one zone's months.
ALTER TABLE survey_settings ADD COLUMN tally_time_zone text NOT NULL DEFAULT 'Europe/Moscow';
UPDATE survey_settings SET tally_time_zone = coalesce(
  (SELECT c.time_zone FROM sla_settings s JOIN calendars c ON c.id = s.cs_calendar_id), tally_time_zone);

-- Which qualifications leave the staff and the office index: the SQL twin of excludeFromStaffIndex and
-- excludeFromOfficeIndex (src/modules/surveys/indices/qualification.ts); a test checks they agree.
CREATE FUNCTION survey_staff_excluded(q text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(q IN ('force_majeure', 'office', 'product'), false) $$;
CREATE FUNCTION survey_office_excluded(q text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(q = 'force_majeure', false) $$;

-- The one definition of what a closed invitation adds to the counters (no row for an open one). The raw reads,
-- the triggers and the rebuild all sum these terms, so the roll-up and the raw rows cannot disagree.
-- Inlined by the planner (a single-SELECT SQL function returning a table).
CREATE FUNCTION survey_tally_terms(i survey_invitations) RETURNS TABLE (
  closed int, answered int, silent int, csat_satisfied int, csat_n int,
  csat10_n int, csat10_sum int, csat10_sq int, csat5_n int, csat5_sum int, csat5_sq int,
  nps_n int, promoters int, detractors int,
  ces7_n int, ces7_sum int, ces7_sq int, ces5_n int, ces5_sum int, ces5_sq int,
  staff_positive int, staff_neutral int, staff_negative int, staff_silent int, staff_excluded int,
  office_positive int, office_neutral int, office_negative int, office_silent int, office_excluded int,
  loyalty_positive int, loyalty_neutral int, loyalty_negative int, loyalty_silent int, force_majeure int
) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 1, (i.status <> 'silent')::int, (i.status = 'silent')::int,
    coalesce(i.csat_satisfied, false)::int, (i.csat_score IS NOT NULL)::int,
    coalesce(i.csat_max = 10, false)::int, CASE WHEN i.csat_max = 10 THEN coalesce(i.csat_score, 0) ELSE 0 END,
    CASE WHEN i.csat_max = 10 THEN coalesce(i.csat_score * i.csat_score, 0) ELSE 0 END,
    coalesce(i.csat_max = 5, false)::int, CASE WHEN i.csat_max = 5 THEN coalesce(i.csat_score, 0) ELSE 0 END,
    CASE WHEN i.csat_max = 5 THEN coalesce(i.csat_score * i.csat_score, 0) ELSE 0 END,
    (i.nps IS NOT NULL)::int, coalesce(i.nps >= 9, false)::int, coalesce(i.nps <= 6, false)::int,
    coalesce(i.ces_max = 7, false)::int, CASE WHEN i.ces_max = 7 THEN coalesce(i.ces_score, 0) ELSE 0 END,
    CASE WHEN i.ces_max = 7 THEN coalesce(i.ces_score * i.ces_score, 0) ELSE 0 END,
    coalesce(i.ces_max = 5, false)::int, CASE WHEN i.ces_max = 5 THEN coalesce(i.ces_score, 0) ELSE 0 END,
    CASE WHEN i.ces_max = 5 THEN coalesce(i.ces_score * i.ces_score, 0) ELSE 0 END,
    coalesce(i.staff_key = 1 AND NOT survey_staff_excluded(i.qualification), false)::int,
    coalesce(i.staff_key = 0 AND NOT survey_staff_excluded(i.qualification), false)::int,
    coalesce(i.staff_key = -1 AND NOT survey_staff_excluded(i.qualification), false)::int,
    (i.staff_asked AND i.staff_key IS NULL AND NOT survey_staff_excluded(i.qualification))::int,
    (i.staff_asked AND survey_staff_excluded(i.qualification))::int,
    coalesce(i.office_key = 1 AND NOT survey_office_excluded(i.qualification), false)::int,
    coalesce(i.office_key = 0 AND NOT survey_office_excluded(i.qualification), false)::int,
    coalesce(i.office_key = -1 AND NOT survey_office_excluded(i.qualification), false)::int,
    (i.office_asked AND i.office_key IS NULL AND NOT survey_office_excluded(i.qualification))::int,
    (i.office_asked AND survey_office_excluded(i.qualification))::int,
    -- Loyalty is the customer's feeling about the office whatever caused it: no qualification leaves it.
    coalesce(i.office_key = 1, false)::int, coalesce(i.office_key = 0, false)::int, coalesce(i.office_key = -1, false)::int,
    (i.office_asked AND i.office_key IS NULL)::int,
    coalesce(i.qualification = 'force_majeure', false)::int
  WHERE i.status IN ('completed', 'lapsed', 'silent') AND i.sent_at IS NOT NULL
$$;

CREATE TABLE survey_tallies (
  dim text NOT NULL CHECK (dim IN ('unit', 'staff', 'category', 'channel')),
  month date NOT NULL,
  unit_id uuid,
  survey_id uuid NOT NULL,
  -- The staff id, category id or channel; NULL for dim 'unit' and for an invitation without one.
  key text,
  closed int NOT NULL, answered int NOT NULL, silent int NOT NULL, csat_satisfied int NOT NULL, csat_n int NOT NULL,
  csat10_n int NOT NULL, csat10_sum int NOT NULL, csat10_sq int NOT NULL, csat5_n int NOT NULL, csat5_sum int NOT NULL, csat5_sq int NOT NULL,
  nps_n int NOT NULL, promoters int NOT NULL, detractors int NOT NULL,
  ces7_n int NOT NULL, ces7_sum int NOT NULL, ces7_sq int NOT NULL, ces5_n int NOT NULL, ces5_sum int NOT NULL, ces5_sq int NOT NULL,
  staff_positive int NOT NULL, staff_neutral int NOT NULL, staff_negative int NOT NULL, staff_silent int NOT NULL, staff_excluded int NOT NULL,
  office_positive int NOT NULL, office_neutral int NOT NULL, office_negative int NOT NULL, office_silent int NOT NULL, office_excluded int NOT NULL,
  loyalty_positive int NOT NULL, loyalty_neutral int NOT NULL, loyalty_negative int NOT NULL, loyalty_silent int NOT NULL, force_majeure int NOT NULL,
  CONSTRAINT survey_tallies_key UNIQUE NULLS NOT DISTINCT (dim, month, unit_id, survey_id, key)
);

-- The upsert that adds signed rows of survey_invitations (a query yielding r survey_invitations, sign int) to the
-- roll-up, $1 being the roll-up's time zone: the one text the triggers (below) and the rebuild are made of.
CREATE FUNCTION survey_tallies_upsert(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO survey_tallies AS s
    SELECT d.dim, date_trunc('month', (x.r).sent_at AT TIME ZONE $1)::date, (x.r).unit_id, (x.r).survey_id, d.key,
      sum(x.sign * t.closed), sum(x.sign * t.answered), sum(x.sign * t.silent), sum(x.sign * t.csat_satisfied), sum(x.sign * t.csat_n),
      sum(x.sign * t.csat10_n), sum(x.sign * t.csat10_sum), sum(x.sign * t.csat10_sq), sum(x.sign * t.csat5_n), sum(x.sign * t.csat5_sum), sum(x.sign * t.csat5_sq),
      sum(x.sign * t.nps_n), sum(x.sign * t.promoters), sum(x.sign * t.detractors),
      sum(x.sign * t.ces7_n), sum(x.sign * t.ces7_sum), sum(x.sign * t.ces7_sq), sum(x.sign * t.ces5_n), sum(x.sign * t.ces5_sum), sum(x.sign * t.ces5_sq),
      sum(x.sign * t.staff_positive), sum(x.sign * t.staff_neutral), sum(x.sign * t.staff_negative), sum(x.sign * t.staff_silent), sum(x.sign * t.staff_excluded),
      sum(x.sign * t.office_positive), sum(x.sign * t.office_neutral), sum(x.sign * t.office_negative), sum(x.sign * t.office_silent), sum(x.sign * t.office_excluded),
      sum(x.sign * t.loyalty_positive), sum(x.sign * t.loyalty_neutral), sum(x.sign * t.loyalty_negative), sum(x.sign * t.loyalty_silent), sum(x.sign * t.force_majeure)
    FROM (%s) x
    CROSS JOIN LATERAL survey_tally_terms(x.r) t
    CROSS JOIN LATERAL (VALUES ('unit', NULL::text), ('staff', (x.r).staff_id::text), ('category', (x.r).category_id::text), ('channel', (x.r).channel)) d (dim, key)
    GROUP BY 1, 2, 3, 4, 5
    -- In key order, so that two writers upserting the same rows queue rather than deadlock.
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ON CONSTRAINT survey_tallies_key DO UPDATE SET
      closed = s.closed + excluded.closed, answered = s.answered + excluded.answered, silent = s.silent + excluded.silent,
      csat_satisfied = s.csat_satisfied + excluded.csat_satisfied, csat_n = s.csat_n + excluded.csat_n,
      csat10_n = s.csat10_n + excluded.csat10_n, csat10_sum = s.csat10_sum + excluded.csat10_sum, csat10_sq = s.csat10_sq + excluded.csat10_sq,
      csat5_n = s.csat5_n + excluded.csat5_n, csat5_sum = s.csat5_sum + excluded.csat5_sum, csat5_sq = s.csat5_sq + excluded.csat5_sq,
      nps_n = s.nps_n + excluded.nps_n, promoters = s.promoters + excluded.promoters, detractors = s.detractors + excluded.detractors,
      ces7_n = s.ces7_n + excluded.ces7_n, ces7_sum = s.ces7_sum + excluded.ces7_sum, ces7_sq = s.ces7_sq + excluded.ces7_sq,
      ces5_n = s.ces5_n + excluded.ces5_n, ces5_sum = s.ces5_sum + excluded.ces5_sum, ces5_sq = s.ces5_sq + excluded.ces5_sq,
      staff_positive = s.staff_positive + excluded.staff_positive, staff_neutral = s.staff_neutral + excluded.staff_neutral,
      staff_negative = s.staff_negative + excluded.staff_negative, staff_silent = s.staff_silent + excluded.staff_silent,
      staff_excluded = s.staff_excluded + excluded.staff_excluded,
      office_positive = s.office_positive + excluded.office_positive, office_neutral = s.office_neutral + excluded.office_neutral,
      office_negative = s.office_negative + excluded.office_negative, office_silent = s.office_silent + excluded.office_silent,
      office_excluded = s.office_excluded + excluded.office_excluded,
      loyalty_positive = s.loyalty_positive + excluded.loyalty_positive, loyalty_neutral = s.loyalty_neutral + excluded.loyalty_neutral,
      loyalty_negative = s.loyalty_negative + excluded.loyalty_negative, loyalty_silent = s.loyalty_silent + excluded.loyalty_silent,
      force_majeure = s.force_majeure + excluded.force_majeure
  $q$, source)
$f$;

-- The triggers: statement triggers with transition tables, so that a bulk change (the nightly lapse, an import) is
-- one grouped upsert; the old rows' contribution leaves and the new rows' comes in. Their functions are generated
-- here from the one upsert text, as static SQL, so that each session plans the statement once (EXECUTE would
-- plan it on every statement: 3 ms on each answer saved).
CREATE FUNCTION survey_tallies_define_triggers(tab text, upsert text) RETURNS void LANGUAGE plpgsql AS $d$
DECLARE
  op record;
BEGIN
  FOR op IN SELECT * FROM (VALUES
    ('insert', 'REFERENCING NEW TABLE AS new_rows', format('SELECT ROW(n.*)::%I AS r, 1 AS sign FROM new_rows n', tab)),
    ('update', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows',
      format('SELECT ROW(n.*)::%I AS r, 1 AS sign FROM new_rows n UNION ALL SELECT ROW(o.*)::%I, -1 FROM old_rows o', tab, tab)),
    ('delete', 'REFERENCING OLD TABLE AS old_rows', format('SELECT ROW(o.*)::%I AS r, -1 AS sign FROM old_rows o', tab))) v (name, transition, source)
  LOOP
    EXECUTE format('CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS %L', upsert || '_on_' || op.name,
      format('BEGIN %s; RETURN NULL; END', replace(
        CASE upsert WHEN 'survey_tallies' THEN survey_tallies_upsert(op.source) ELSE survey_event_tallies_upsert(op.source) END,
        -- No parameter: a statement without one keeps its generic plan, never planned again.
        '$1', '(SELECT tally_time_zone FROM survey_settings)')));
    EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I %s FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      upsert || '_' || op.name, upper(op.name), tab, op.transition, upsert || '_on_' || op.name);
  END LOOP;
END $d$;

CREATE TABLE survey_event_tallies (
  month date NOT NULL,
  unit_id uuid,
  staff_id uuid,
  channel text NOT NULL,
  events int NOT NULL,
  CONSTRAINT survey_event_tallies_key UNIQUE NULLS NOT DISTINCT (month, unit_id, staff_id, channel)
);

CREATE FUNCTION survey_event_tallies_upsert(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO survey_event_tallies AS s
    SELECT date_trunc('month', (x.r).occurred_at AT TIME ZONE $1)::date, (x.r).unit_id, (x.r).staff_id, (x.r).channel, sum(x.sign)
    FROM (%s) x GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT survey_event_tallies_key DO UPDATE SET events = s.events + excluded.events
  $q$, source)
$f$;

SELECT survey_tallies_define_triggers('survey_invitations', 'survey_tallies');
SELECT survey_tallies_define_triggers('survey_events', 'survey_event_tallies');
DROP FUNCTION survey_tallies_define_triggers(text, text);

-- Recounts both roll-ups from the raw rows in the current tally_time_zone: after changing that setting (in the
-- same transaction), or after loading rows with triggers disabled.
CREATE FUNCTION rebuild_survey_tallies() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tz text := (SELECT tally_time_zone FROM survey_settings);
BEGIN
  -- Writers wait for the rebuild to commit, so none adds a row keyed by the zone being replaced.
  LOCK TABLE survey_invitations, survey_events IN SHARE MODE;
  DELETE FROM survey_tallies;
  DELETE FROM survey_event_tallies;
  EXECUTE survey_tallies_upsert('SELECT i AS r, 1 AS sign FROM survey_invitations i') USING tz;
  EXECUTE survey_event_tallies_upsert('SELECT e AS r, 1 AS sign FROM survey_events e') USING tz;
END $$;

-- Any invitations and events already there.
SELECT rebuild_survey_tallies();
