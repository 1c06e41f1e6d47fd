-- The e-mail channel: mailboxes (inbound through Otklik's SMTP listener or by polling IMAP, outbound through an
-- SMTP relay or, without one, .eml files), every mail received or sent, templates, and the outbox's delivery state.

CREATE TABLE mailboxes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  -- The address customers write to and replies are sent from (lower-case); aliases are further accepted recipients.
  address text NOT NULL UNIQUE,
  aliases text[] NOT NULL DEFAULT '{}',
  display_name text,
  -- Where a new mail's appeal goes.
  unit_id uuid REFERENCES units (id),
  kind text NOT NULL DEFAULT 'incident' CHECK (kind IN ('incident', 'thanks', 'question', 'wish', 'review')),
  queue_id uuid REFERENCES queues (id),
  inbound text NOT NULL DEFAULT 'smtp' CHECK (inbound IN ('smtp', 'imap', 'none')),
  -- {host, port, secure, user, password, folder, processed: 'mark' | 'move', moveTo}
  imap jsonb,
  -- {host, port, secure, user, password}; NULL sends to the local outbox folder as .eml files.
  smtp jsonb,
  auto_ack boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  -- IMAP polling progress: {uidValidity, lastUid, lastPollAt, lastError}
  imap_state jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every mail received (raw source kept in the content store) or sent, keyed by its Message-ID.
CREATE TABLE mail_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  mailbox_id uuid REFERENCES mailboxes (id),
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  -- RFC 5322 Message-ID without angle brackets; the same mail delivered twice is stored once.
  message_id text NOT NULL UNIQUE,
  in_reply_to text,
  "references" text[] NOT NULL DEFAULT '{}',
  appeal_id uuid REFERENCES appeals (id),
  appeal_message_id uuid REFERENCES appeal_messages (id),
  -- What became of an inbound mail.
  verdict text NOT NULL CHECK (verdict IN ('appeal', 'reply', 'auto_reply', 'bounce', 'loop', 'unparsed', 'sent')),
  parse_error text,
  from_address text,
  from_name text,
  to_addresses text[] NOT NULL DEFAULT '{}',
  subject text,
  -- The text the reply quoted and the sender's signature, shown collapsed; the sanitised HTML body.
  quoted text,
  signature text,
  html text,
  raw_sha256 text,
  raw_size bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_messages_appeal ON mail_messages (appeal_id, created_at);
CREATE INDEX mail_messages_appeal_message ON mail_messages (appeal_message_id) WHERE appeal_message_id IS NOT NULL;

-- Mail templates per key and language; built-in defaults live in code, a row here overrides them.
CREATE TABLE mail_templates (
  key text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('ru', 'en')),
  subject text NOT NULL,
  body text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, locale)
);

ALTER TABLE users ADD COLUMN signature text;

-- Outbox delivery: a row is claimed ('sending', leased), then 'sent' or retried with backoff until 'failed'.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed'));
ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE outbox ADD COLUMN locked_until timestamptz;
ALTER TABLE outbox ADD COLUMN mailbox_id uuid REFERENCES mailboxes (id);
ALTER TABLE outbox ADD COLUMN appeal_message_id uuid REFERENCES appeal_messages (id);
-- The Message-ID is fixed when the mail is queued, so a retry is the same mail to the receiver.
ALTER TABLE outbox ADD COLUMN message_id text UNIQUE;
DROP INDEX outbox_pending;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_appeal_message ON outbox (appeal_message_id) WHERE appeal_message_id IS NOT NULL;

-- The author of what arrives by mail (appeals it creates, messages and files it stores). It cannot log in.
INSERT INTO users (id, email, name, role, locale, active)
VALUES ('00000000-0000-4000-8000-00000000e4a1', 'mail@otklik.invalid', 'Почта', 'agent', 'ru', false);
