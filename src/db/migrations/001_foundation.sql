-- The foundation: units, people, customers, the category taxonomy and the appeals register.
-- Written for PostgreSQL 15 and up (Debian 12's server) and PGlite (PostgreSQL 18).

CREATE TABLE units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type text NOT NULL CHECK (type IN ('store', 'call_centre', 'service_centre', 'document_service', 'services',
                                     'customer_service', 'office', 'other')),
  name text NOT NULL,
  code text UNIQUE,
  time_zone text NOT NULL DEFAULT 'Europe/Moscow',
  parent_id uuid REFERENCES units (id),
  contacts jsonb NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX units_parent ON units (parent_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'cs_head', 'supervisor', 'agent', 'unit_responsible', 'analyst')),
  password_hash text,
  locale text NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'en')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE unit_members (
  unit_id uuid NOT NULL REFERENCES units (id),
  user_id uuid NOT NULL REFERENCES users (id),
  responsible boolean NOT NULL DEFAULT true,
  PRIMARY KEY (unit_id, user_id)
);
CREATE INDEX unit_members_user ON unit_members (user_id);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  name text NOT NULL,
  prefix text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE categories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id uuid REFERENCES categories (id),
  code text NOT NULL UNIQUE,
  name_ru text NOT NULL,
  name_en text NOT NULL,
  kinds text[] NOT NULL DEFAULT '{}',
  position integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX categories_parent ON categories (parent_id);

CREATE TABLE customers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text,
  company_name text,
  company_code text,
  birthday date,
  consents jsonb NOT NULL DEFAULT '{}',
  tags text[] NOT NULL DEFAULT '{}',
  merged_into uuid REFERENCES customers (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_company_code ON customers (company_code) WHERE company_code IS NOT NULL;
CREATE INDEX customers_name ON customers (lower(name) text_pattern_ops);

-- Phones (E.164) and emails (lower-case). A real identity belongs to one customer; placeholders such as
-- noemail@… are kept for the record but never used to match or deduplicate.
CREATE TABLE customer_identities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL REFERENCES customers (id),
  kind text NOT NULL CHECK (kind IN ('phone', 'email')),
  value text NOT NULL,
  placeholder boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customer_identities_real ON customer_identities (kind, value) WHERE NOT placeholder;
CREATE INDEX customer_identities_customer ON customer_identities (customer_id);

CREATE TABLE custom_field_definitions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  key text NOT NULL,
  label_ru text NOT NULL,
  label_en text NOT NULL,
  type text NOT NULL CHECK (type IN ('string', 'number', 'boolean', 'date', 'enum')),
  required boolean NOT NULL DEFAULT false,
  options text[] NOT NULL DEFAULT '{}',
  position integer NOT NULL DEFAULT 0,
  UNIQUE (kind, key)
);

CREATE SEQUENCE appeal_number_seq;

CREATE TABLE appeals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number bigint NOT NULL UNIQUE DEFAULT nextval('appeal_number_seq'),
  kind text NOT NULL CHECK (kind IN ('incident', 'thanks', 'question', 'wish', 'review')),
  channel text NOT NULL,
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'open', 'pending_customer', 'pending_unit', 'resolved', 'closed')),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  subject text NOT NULL,
  description text NOT NULL DEFAULT '',
  unit_id uuid REFERENCES units (id),
  category_id uuid REFERENCES categories (id),
  customer_id uuid REFERENCES customers (id),
  owner_id uuid REFERENCES users (id),
  created_by uuid REFERENCES users (id),
  sequence_number text,
  received_at timestamptz NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  custom_fields jsonb NOT NULL DEFAULT '{}',
  search tsvector GENERATED ALWAYS AS (
    to_tsvector('russian', subject || ' ' || description)) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  closed_at timestamptz
);
-- Every list is "newest first" within a filter; each index serves one common filter plus the keyset order.
CREATE INDEX appeals_created ON appeals (created_at DESC, id DESC);
CREATE INDEX appeals_status_created ON appeals (status, created_at DESC, id DESC);
CREATE INDEX appeals_unit_created ON appeals (unit_id, created_at DESC, id DESC);
CREATE INDEX appeals_owner_status ON appeals (owner_id, status);
CREATE INDEX appeals_customer ON appeals (customer_id, created_at DESC);
CREATE INDEX appeals_category_created ON appeals (category_id, created_at DESC);
CREATE INDEX appeals_updated ON appeals (updated_at DESC, id DESC);
CREATE INDEX appeals_search ON appeals USING gin (search);

CREATE TABLE appeal_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  appeal_id uuid NOT NULL REFERENCES appeals (id),
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'note')),
  channel text NOT NULL,
  body text NOT NULL,
  author_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeal_messages_appeal ON appeal_messages (appeal_id, created_at);

-- Append-only: one row per changed field (or per action), never updated or deleted.
CREATE TABLE appeal_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  appeal_id uuid NOT NULL REFERENCES appeals (id),
  actor_id uuid REFERENCES users (id),
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL,
  field text,
  old_value jsonb,
  new_value jsonb
);
CREATE INDEX appeal_events_appeal ON appeal_events (appeal_id, id);

CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  appeal_id uuid REFERENCES appeals (id),
  message_id uuid REFERENCES appeal_messages (id),
  sha256 text NOT NULL,
  size bigint NOT NULL,
  content_type text NOT NULL,
  file_name text NOT NULL,
  document_kind text NOT NULL DEFAULT 'other',
  width integer,
  height integer,
  uploaded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_appeal ON attachments (appeal_id);

-- What a unit of a given type must provide when it submits an incident (seed 000's "interaction errors").
CREATE TABLE submission_rules (
  unit_type text PRIMARY KEY,
  rules jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE submission_rejections (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES units (id),
  user_id uuid REFERENCES users (id),
  at timestamptz NOT NULL DEFAULT now(),
  failures jsonb NOT NULL
);
CREATE INDEX submission_rejections_unit_at ON submission_rejections (unit_id, at);

CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users (id),
  key text NOT NULL,
  route text NOT NULL,
  request_hash text NOT NULL,
  status_code integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
