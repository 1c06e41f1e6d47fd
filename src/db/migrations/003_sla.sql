-- Deadlines in working hours: calendars, SLA policies, each appeal's targets, the alerts the scheduler raises,
-- in-app notifications, the e-mail outbox and the job table. Written for PostgreSQL 15 and up and PGlite.

-- A working calendar: weekly hours (index 0 = Monday) and dated exceptions, in one IANA time zone.
-- week/exceptions follow src/modules/sla/calendar.ts and are validated there before they are stored.
CREATE TABLE calendars (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  time_zone text NOT NULL,
  week jsonb NOT NULL,
  exceptions jsonb NOT NULL DEFAULT '[]',
  -- Units of these types without a calendar of their own count on this one.
  unit_types text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- NULL: the calendar of the unit's type, else the default calendar.
ALTER TABLE units ADD COLUMN calendar_id uuid REFERENCES calendars (id);
CREATE INDEX units_calendar ON units (calendar_id) WHERE calendar_id IS NOT NULL;

-- One row. `version` is bumped in the same transaction as any change to calendars, policies or unit calendars,
-- so every process can tell cheaply whether its cached copy is current; `instance` tells databases apart.
CREATE TABLE sla_settings (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  instance uuid NOT NULL DEFAULT gen_random_uuid(),
  version bigint NOT NULL DEFAULT 1,
  default_calendar_id uuid NOT NULL REFERENCES calendars (id),
  cs_calendar_id uuid NOT NULL REFERENCES calendars (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The first active policy (by position) whose conditions all hold gives an appeal its targets.
CREATE TABLE sla_policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  position integer NOT NULL DEFAULT 100,
  active boolean NOT NULL DEFAULT true,
  conditions jsonb NOT NULL DEFAULT '{}',
  -- [{metric, minutes, calendar?: 'unit'|'cs'}], minutes are working minutes.
  targets jsonb NOT NULL,
  calendar_source text NOT NULL DEFAULT 'unit' CHECK (calendar_source IN ('unit', 'cs')),
  pause_statuses text[] NOT NULL DEFAULT '{pending_customer}',
  warn_at_percent integer CHECK (warn_at_percent BETWEEN 1 AND 99),
  -- {onWarning: [...], onBreach: [...]} of 'owner' | 'unit_responsible' | 'supervisors'.
  notify jsonb NOT NULL DEFAULT '{"onWarning": ["owner"], "onBreach": ["owner", "unit_responsible", "supervisors"]}',
  -- {onWarning?: action, onBreach?: action}; action = {priority?: 'raise'|priority, ownerId?: uuid|null, addTags?: [...]}.
  escalation jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- An appeal's deadlines, one row per metric (next_response: one per cycle, i.e. per customer message waiting).
CREATE TABLE appeal_sla_targets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  appeal_id uuid NOT NULL REFERENCES appeals (id),
  metric text NOT NULL CHECK (metric IN ('transfer', 'first_response', 'next_response', 'resolution', 'completion_report')),
  cycle integer NOT NULL DEFAULT 1,
  policy_id uuid REFERENCES sla_policies (id) ON DELETE SET NULL,
  -- No foreign key: deleting a calendar must not rewrite history; a missing one reads as the default.
  calendar_id uuid,
  minutes integer NOT NULL,
  warn_minutes integer,
  started_at timestamptz NOT NULL,
  -- NULL while a pause stops the clock before the deadline is reached.
  due_at timestamptz,
  warn_at timestamptz,
  met_at timestamptz,
  breached_at timestamptz,
  warned_at timestamptz,
  paused_since timestamptz,
  -- Closed pauses [{from, to}]; the open one is paused_since.
  pauses jsonb NOT NULL DEFAULT '[]',
  paused_minutes numeric NOT NULL DEFAULT 0,
  UNIQUE (appeal_id, metric, cycle)
);
-- The scheduler's two scans read only running targets, in due order, from these partial indexes.
CREATE INDEX appeal_sla_targets_due ON appeal_sla_targets (due_at)
  WHERE met_at IS NULL AND breached_at IS NULL AND paused_since IS NULL;
CREATE INDEX appeal_sla_targets_warn ON appeal_sla_targets (warn_at)
  WHERE met_at IS NULL AND breached_at IS NULL AND warned_at IS NULL AND paused_since IS NULL;
CREATE INDEX appeal_sla_targets_started ON appeal_sla_targets (started_at);

-- Each warning and breach of a deadline is written once, however many scheduler processes race for it.
CREATE TABLE sla_alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  target_id bigint NOT NULL,
  appeal_id uuid NOT NULL REFERENCES appeals (id),
  kind text NOT NULL CHECK (kind IN ('warning', 'breach')),
  metric text NOT NULL,
  policy_id uuid,
  due_at timestamptz NOT NULL,
  at timestamptz NOT NULL,
  UNIQUE (target_id, kind, due_at)
);
CREATE INDEX sla_alerts_appeal ON sla_alerts (appeal_id);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  appeal_id uuid REFERENCES appeals (id),
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  dedupe_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_user_created ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_user_unread ON notifications (user_id) WHERE read_at IS NULL;

-- Outgoing messages written in the transaction that caused them; a sender delivers them with retries.
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('email')),
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  dedupe_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (created_at) WHERE status = 'pending';

-- Background work shared by every process: claimed with FOR UPDATE SKIP LOCKED, leased until locked_until, done
-- once (done_at) or retried; a recurring job (every_ms) is rescheduled instead of finished.
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  dedupe_key text UNIQUE,
  run_at timestamptz NOT NULL DEFAULT now(),
  every_ms integer CHECK (every_ms > 0),
  locked_until timestamptz,
  locked_by text,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 10,
  last_error text,
  done_at timestamptz,
  failed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE done_at IS NULL;

-- Seeded calendars (seed 000): stores 10:00–22:00 every day, offices 09:00–18:00 Monday to Friday with the
-- public holidays of the Labour Code (art. 112) for 2025–2026, the call centre round the clock. The yearly
-- transferred days off are announced each autumn; the administrator adds them as exceptions.
INSERT INTO calendars (name, time_zone, week, unit_types) VALUES
  ('Магазины 10:00–22:00', 'Europe/Moscow',
   '[[{"start":"10:00","end":"22:00"}],[{"start":"10:00","end":"22:00"}],[{"start":"10:00","end":"22:00"}],[{"start":"10:00","end":"22:00"}],[{"start":"10:00","end":"22:00"}],[{"start":"10:00","end":"22:00"}],[{"start":"10:00","end":"22:00"}]]',
   '{store}'),
  ('Круглосуточно', 'Europe/Moscow',
   '[[{"start":"00:00","end":"24:00"}],[{"start":"00:00","end":"24:00"}],[{"start":"00:00","end":"24:00"}],[{"start":"00:00","end":"24:00"}],[{"start":"00:00","end":"24:00"}],[{"start":"00:00","end":"24:00"}],[{"start":"00:00","end":"24:00"}]]',
   '{call_centre}');
INSERT INTO calendars (name, time_zone, week, exceptions, unit_types)
SELECT 'Офис 09:00–18:00 пн–пт', 'Europe/Moscow',
  '[[{"start":"09:00","end":"18:00"}],[{"start":"09:00","end":"18:00"}],[{"start":"09:00","end":"18:00"}],[{"start":"09:00","end":"18:00"}],[{"start":"09:00","end":"18:00"}],[],[]]',
  (SELECT jsonb_agg(jsonb_build_object('date', y || '-' || d.md, 'intervals', '[]'::jsonb, 'name', d.name) ORDER BY y, d.md)
   FROM (VALUES ('2025'), ('2026')) AS years (y),
        (VALUES ('01-01', 'Новогодние каникулы'), ('01-02', 'Новогодние каникулы'), ('01-03', 'Новогодние каникулы'),
                ('01-04', 'Новогодние каникулы'), ('01-05', 'Новогодние каникулы'), ('01-06', 'Новогодние каникулы'),
                ('01-07', 'Рождество Христово'), ('01-08', 'Новогодние каникулы'), ('02-23', 'День защитника Отечества'),
                ('03-08', 'Международный женский день'), ('05-01', 'Праздник Весны и Труда'), ('05-09', 'День Победы'),
                ('06-12', 'День России'), ('11-04', 'День народного единства')) AS d (md, name)),
  '{office,customer_service,document_service,services,service_centre,other}';

INSERT INTO sla_settings (default_calendar_id, cs_calendar_id)
SELECT id, id FROM calendars WHERE name = 'Офис 09:00–18:00 пн–пт';

-- Seeded policies (seed 000's transfer table; seed 004's e-mail answered within 1–2 hours). Minutes are working
-- minutes; 1620 = three working days of the office calendar.
INSERT INTO sla_policies (name, position, conditions, targets, calendar_source, warn_at_percent, escalation) VALUES
  ('Звонок в колл-центр: передача сразу', 10,
   '{"channels": ["phone", "callback"]}',
   '[{"metric": "transfer", "minutes": 0, "calendar": "unit"}, {"metric": "resolution", "minutes": 1620, "calendar": "cs"}]',
   'unit', 80, '{}'),
  ('Инциденты магазинов: передача за 3 рабочих часа, отчёт за 3 часа', 20,
   '{"unitTypes": ["store"], "kinds": ["incident"], "channels": ["store_submission", "email", "edms"]}',
   '[{"metric": "transfer", "minutes": 180, "calendar": "unit"}, {"metric": "completion_report", "minutes": 180, "calendar": "unit"}, {"metric": "resolution", "minutes": 1620, "calendar": "cs"}]',
   'unit', 80, '{"onBreach": {"addTags": ["sla_breached"]}}'),
  ('Подразделения и e-mail колл-центра: передача за 3 рабочих часа', 30,
   '{"unitTypes": ["call_centre", "service_centre", "document_service", "services"], "channels": ["email", "edms", "store_submission", "web_form"]}',
   '[{"metric": "transfer", "minutes": 180, "calendar": "unit"}, {"metric": "resolution", "minutes": 1620, "calendar": "cs"}]',
   'unit', 80, '{"onBreach": {"addTags": ["sla_breached"]}}'),
  ('E-mail и веб-форма: ответ за 2 рабочих часа', 40,
   '{"channels": ["email", "web_form"]}',
   '[{"metric": "first_response", "minutes": 120}, {"metric": "next_response", "minutes": 120}, {"metric": "resolution", "minutes": 1620}]',
   'cs', 80, '{"onBreach": {"priority": "raise", "addTags": ["sla_breached"]}}'),
  ('Инциденты и вопросы: решение за 3 рабочих дня', 100,
   '{"kinds": ["incident", "question"]}',
   '[{"metric": "resolution", "minutes": 1620}]',
   'cs', 80, '{}');

-- The deadline scan, due at once; each scheduler sets its own interval when it starts.
INSERT INTO jobs (kind, dedupe_key, every_ms) VALUES ('sla.scan', 'sla.scan', 15000);
