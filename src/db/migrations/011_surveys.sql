-- Surveys: definitions with their questions, triggers that send them, invitations (one per customer asked, carrying
-- the answers the indices count), the answers themselves, imported purchase events and visitor counts, and the
-- programme's settings (the correction coefficient k, the email capture target).

CREATE TABLE survey_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  -- How much a silent customer weighs as a negative answer in the dissatisfaction and loyalty indices.
  correction_coefficient numeric(4, 3) NOT NULL DEFAULT 0.5 CHECK (correction_coefficient BETWEEN 0 AND 1),
  email_capture_target numeric(4, 3) NOT NULL DEFAULT 0.7 CHECK (email_capture_target BETWEEN 0 AND 1),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO survey_settings DEFAULT VALUES;

CREATE TABLE surveys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  -- [{id, type, wording: {ru, en}, scale, options, touchpoint, required}], validated by the service.
  questions jsonb NOT NULL,
  -- Days a customer has to answer before counting as silent.
  answer_within_days integer NOT NULL DEFAULT 7 CHECK (answer_within_days BETWEEN 1 AND 90),
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE survey_triggers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES surveys (id),
  event text NOT NULL CHECK (event IN ('appeal_resolved', 'repair_picked_up', 'purchase', 'manual')),
  delivery text NOT NULL CHECK (delivery IN ('email', 'sms')),
  delay_minutes integer NOT NULL DEFAULT 0 CHECK (delay_minutes BETWEEN 0 AND 43200),
  throttle_days integer NOT NULL DEFAULT 30 CHECK (throttle_days BETWEEN 0 AND 365),
  -- Empty: every unit.
  unit_ids uuid[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_triggers_event ON survey_triggers (event) WHERE active;

-- Purchase events imported from the till or the web shop: transactions for the exact conversion, and a trigger.
CREATE TABLE survey_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text NOT NULL UNIQUE,
  occurred_at timestamptz NOT NULL,
  unit_id uuid REFERENCES units (id),
  staff_id uuid REFERENCES users (id),
  customer_id uuid REFERENCES customers (id),
  channel text NOT NULL DEFAULT 'store',
  email text,
  phone text,
  locale text NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'en')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_events_occurred ON survey_events (occurred_at, unit_id);

-- Visitor counts per unit and day (door counters), for the visitor coverage.
CREATE TABLE survey_visitors (
  unit_id uuid NOT NULL REFERENCES units (id),
  day date NOT NULL,
  visitors integer NOT NULL CHECK (visitors >= 0),
  PRIMARY KEY (unit_id, day)
);

-- One row per customer asked: the invitation, its state, who and what it is about, and the answers to the
-- index questions copied from survey_answers when they are saved (so the indices read one table).
CREATE TABLE survey_invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES surveys (id),
  trigger_id uuid REFERENCES survey_triggers (id),
  source text NOT NULL CHECK (source IN ('appeal_resolved', 'repair_picked_up', 'purchase', 'manual', 'kiosk')),
  delivery text NOT NULL CHECK (delivery IN ('email', 'sms', 'kiosk')),
  status text NOT NULL CHECK (status IN ('scheduled', 'sent', 'answering', 'completed', 'lapsed', 'silent', 'skipped')),
  skip_reason text CHECK (skip_reason IN ('throttled', 'no_contact')),
  customer_id uuid REFERENCES customers (id),
  -- The normalised e-mail or phone the invitation goes to; throttling also keys on it.
  contact text,
  locale text NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'en')),
  appeal_id uuid REFERENCES appeals (id),
  event_id uuid REFERENCES survey_events (id),
  unit_id uuid REFERENCES units (id),
  staff_id uuid REFERENCES users (id),
  category_id uuid REFERENCES categories (id),
  -- The channel the customer was served through (the appeal's, the purchase's, 'in_person' at a kiosk).
  channel text,
  -- A kiosk form's one-time id: the same submission posted twice is stored once.
  kiosk_nonce uuid UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  scheduled_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  deadline_at timestamptz,
  first_answer_at timestamptz,
  completed_at timestamptz,
  -- Index answers. csat_max is 10 or 5; ces_max 7 or 5; keys are 1 positive, 0 neutral, -1 negative.
  csat_score smallint,
  csat_max smallint,
  csat_satisfied boolean,
  nps smallint CHECK (nps BETWEEN 0 AND 10),
  ces_score smallint,
  ces_max smallint,
  staff_asked boolean NOT NULL DEFAULT false,
  staff_key smallint CHECK (staff_key IN (-1, 0, 1)),
  office_asked boolean NOT NULL DEFAULT false,
  office_key smallint CHECK (office_key IN (-1, 0, 1)),
  negative boolean NOT NULL DEFAULT false,
  qualification text CHECK (qualification IN ('staff', 'office', 'product', 'force_majeure')),
  qualification_note text,
  qualified_by uuid REFERENCES users (id),
  qualified_at timestamptz
);
-- The indices read closed invitations by the time they were sent.
CREATE INDEX survey_invitations_sent ON survey_invitations (sent_at) WHERE status IN ('completed', 'lapsed', 'silent');
CREATE INDEX survey_invitations_unit_sent ON survey_invitations (unit_id, sent_at) WHERE status IN ('completed', 'lapsed', 'silent');
CREATE INDEX survey_invitations_due ON survey_invitations (scheduled_at) WHERE status = 'scheduled';
CREATE INDEX survey_invitations_deadline ON survey_invitations (deadline_at) WHERE status IN ('sent', 'answering');
CREATE INDEX survey_invitations_customer ON survey_invitations (customer_id, created_at) WHERE customer_id IS NOT NULL;
CREATE INDEX survey_invitations_contact ON survey_invitations (contact, created_at) WHERE contact IS NOT NULL;
CREATE INDEX survey_invitations_to_qualify ON survey_invitations (sent_at) WHERE negative AND qualification IS NULL;

CREATE TABLE survey_answers (
  invitation_id uuid NOT NULL REFERENCES survey_invitations (id),
  question_id text NOT NULL,
  -- A number, 'yes'/'no', an option id, a list of option ids, or text.
  value jsonb NOT NULL,
  answered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (invitation_id, question_id)
);
