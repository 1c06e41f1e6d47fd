-- Routing rules: ordered if-then rules an admin writes; they run on an appeal's create and update, in the
-- same transaction, and leave a 'rule_applied' trace in its history.
CREATE TABLE routing_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE CHECK (length(name) > 0),
  position integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  events text[] NOT NULL DEFAULT '{create}' CHECK (events <@ ARRAY['create', 'update']::text[] AND cardinality(events) > 0),
  conditions jsonb NOT NULL DEFAULT '{}',
  actions jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX routing_rules_order ON routing_rules (position, created_at, id);

-- The classifier's suggestion below its threshold, kept for the agent to accept or ignore.
ALTER TABLE appeals ADD COLUMN suggestion jsonb;
