-- Analytics: exact roll-ups of appeal counts by the organisation's day, per-appeal working-time facts, report
-- subscriptions. Written for PostgreSQL 15 and up and PGlite.

-- One row. The organisation's day is counted in `time_zone` (seeded from the CS calendar's zone); changing it
-- recounts the roll-ups (putReportSettings, src/modules/analytics/report.service.ts). `report_time`: the local time
-- at which the reports of finished periods go out.
CREATE TABLE analytics_settings (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  time_zone text NOT NULL,
  report_time text NOT NULL DEFAULT '07:00' CHECK (report_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO analytics_settings (time_zone)
SELECT c.time_zone FROM sla_settings s JOIN calendars c ON c.id = s.cs_calendar_id;

-- Appeals received per organisation day, and per month and week in several projections, by the filter dimensions.
-- Exact: every change to an appeal's dimensions writes a -1/+1 delta row in the same transaction (trigger below); a job
-- folds the deltas into analytics_day and analytics_rollup in one statement, and readers add the deltas not folded yet.
CREATE TABLE analytics_day (
  day date NOT NULL,
  unit_id uuid,
  channel text NOT NULL,
  kind text NOT NULL,
  category_id uuid,
  owner_id uuid,
  appeals integer NOT NULL,
  UNIQUE NULLS NOT DISTINCT (day, unit_id, channel, kind, category_id, owner_id)
);

-- A projection keeps kind and channel and some of unit, category and owner (the others are NULL), per month and, for
-- the smaller ones, per ISO week: a query reads the smallest projection of its grain that holds the dimensions it
-- groups and filters by (src/modules/analytics/projections.ts), and days where none does.
CREATE TABLE analytics_projections (
  id smallint PRIMARY KEY,
  by_unit boolean NOT NULL,
  by_category boolean NOT NULL,
  by_owner boolean NOT NULL,
  grains text[] NOT NULL
);
INSERT INTO analytics_projections VALUES
  (1, false, false, false, '{month,week}'), (2, false, true, false, '{month,week}'), (3, true, false, false, '{month,week}'),
  (4, false, false, true, '{month,week}'), (5, true, true, false, '{month}'), (6, true, true, true, '{month}');

CREATE TABLE analytics_rollup (
  grain text NOT NULL CHECK (grain IN ('month', 'week')),
  projection smallint NOT NULL,
  start date NOT NULL,
  unit_id uuid,
  channel text NOT NULL,
  kind text NOT NULL,
  category_id uuid,
  owner_id uuid,
  appeals integer NOT NULL,
  UNIQUE NULLS NOT DISTINCT (grain, projection, start, unit_id, channel, kind, category_id, owner_id)
);
CREATE INDEX analytics_rollup_unit ON analytics_rollup (grain, projection, unit_id, start) WHERE unit_id IS NOT NULL;
CREATE INDEX analytics_rollup_category ON analytics_rollup (grain, projection, category_id, start) WHERE category_id IS NOT NULL;

CREATE TABLE analytics_delta (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  day date NOT NULL,
  unit_id uuid,
  channel text NOT NULL,
  kind text NOT NULL,
  category_id uuid,
  owner_id uuid,
  n integer NOT NULL
);

-- Working-time facts of each appeal (first response, resolution), computed by the application from the CS
-- calendar. Appeals whose facts may have changed are queued in analytics_dirty in the writing transaction.
-- `sample` (0–63, from the id) lets percentiles over very large sets read a fixed, unbiased 1/64 slice per step.
CREATE TABLE analytics_facts (
  appeal_id uuid PRIMARY KEY REFERENCES appeals (id) ON DELETE CASCADE,
  sample smallint NOT NULL,
  day date NOT NULL,
  unit_id uuid,
  channel text NOT NULL,
  kind text NOT NULL,
  category_id uuid,
  owner_id uuid,
  first_response_minutes real,
  resolution_minutes real
);
-- Covering, so that a sampled percentile reads the index only.
CREATE INDEX analytics_facts_sample_day ON analytics_facts (sample, day)
  INCLUDE (unit_id, channel, kind, category_id, first_response_minutes, resolution_minutes);
CREATE INDEX analytics_facts_day ON analytics_facts (day);
-- A unit or category filter reads its own appeals' facts, not the whole period's.
CREATE INDEX analytics_facts_unit ON analytics_facts (unit_id, day);
CREATE INDEX analytics_facts_category ON analytics_facts (category_id, day);

CREATE TABLE analytics_dirty (appeal_id uuid PRIMARY KEY);

CREATE FUNCTION analytics_org_day(t timestamptz) RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT (t AT TIME ZONE (SELECT time_zone FROM analytics_settings))::date
$$;

CREATE FUNCTION analytics_on_appeal() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF TG_OP = 'DELETE' OR (OLD.received_at, OLD.unit_id, OLD.channel, OLD.kind, OLD.category_id, OLD.owner_id)
        IS DISTINCT FROM (NEW.received_at, NEW.unit_id, NEW.channel, NEW.kind, NEW.category_id, NEW.owner_id) THEN
      INSERT INTO analytics_delta (day, unit_id, channel, kind, category_id, owner_id, n)
      VALUES (analytics_org_day(OLD.received_at), OLD.unit_id, OLD.channel, OLD.kind, OLD.category_id, OLD.owner_id, -1);
      IF TG_OP = 'UPDATE' THEN
        INSERT INTO analytics_delta (day, unit_id, channel, kind, category_id, owner_id, n)
        VALUES (analytics_org_day(NEW.received_at), NEW.unit_id, NEW.channel, NEW.kind, NEW.category_id, NEW.owner_id, 1);
      END IF;
    END IF;
  ELSE
    INSERT INTO analytics_delta (day, unit_id, channel, kind, category_id, owner_id, n)
    VALUES (analytics_org_day(NEW.received_at), NEW.unit_id, NEW.channel, NEW.kind, NEW.category_id, NEW.owner_id, 1);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR (OLD.received_at, OLD.unit_id, OLD.channel, OLD.kind, OLD.category_id,
      OLD.owner_id, OLD.resolved_at, OLD.closed_at) IS DISTINCT FROM (NEW.received_at, NEW.unit_id, NEW.channel, NEW.kind,
      NEW.category_id, NEW.owner_id, NEW.resolved_at, NEW.closed_at)) THEN
    INSERT INTO analytics_dirty (appeal_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER appeals_analytics AFTER INSERT OR UPDATE OR DELETE ON appeals
  FOR EACH ROW EXECUTE FUNCTION analytics_on_appeal();

-- The first outbound message is the first response.
CREATE FUNCTION analytics_on_message() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.direction = 'outbound' THEN
    INSERT INTO analytics_dirty (appeal_id) VALUES (NEW.appeal_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER appeal_messages_analytics AFTER INSERT ON appeal_messages
  FOR EACH ROW EXECUTE FUNCTION analytics_on_message();

-- Appeals already in the register.
INSERT INTO analytics_day (day, unit_id, channel, kind, category_id, owner_id, appeals)
SELECT analytics_org_day(received_at), unit_id, channel, kind, category_id, owner_id, count(*)
FROM appeals GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO analytics_rollup (grain, projection, start, unit_id, channel, kind, category_id, owner_id, appeals)
SELECT g.grain, p.id, date_trunc(g.grain, d.day::timestamp)::date, CASE WHEN p.by_unit THEN d.unit_id END, d.channel, d.kind,
  CASE WHEN p.by_category THEN d.category_id END, CASE WHEN p.by_owner THEN d.owner_id END, sum(d.appeals)
FROM analytics_day d CROSS JOIN analytics_projections p CROSS JOIN unnest(p.grains) AS g (grain) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
INSERT INTO analytics_dirty (appeal_id) SELECT id FROM appeals;
ANALYZE analytics_day, analytics_rollup, analytics_dirty;

-- Who receives which report: daily (yesterday), weekly (last week), monthly (last month); unit scope and language.
CREATE TABLE analytics_report_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  variant text NOT NULL CHECK (variant IN ('daily', 'weekly', 'monthly')),
  unit_ids uuid[] NOT NULL DEFAULT '{}',
  locale text NOT NULL CHECK (locale IN ('ru', 'en')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, variant)
);

-- Fold the deltas now and then; the reports job checks every few minutes whether a period's report is due.
INSERT INTO jobs (kind, dedupe_key, every_ms) VALUES ('analytics.fold', 'analytics.fold', 15000);
INSERT INTO jobs (kind, dedupe_key, every_ms) VALUES ('analytics.reports', 'analytics.reports', 300000);
