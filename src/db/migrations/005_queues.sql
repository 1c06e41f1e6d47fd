-- Queues (teams) and agents' attestation per queue (seed 004's hotline, buffer team, development, accounting,
-- VIP desk and field specialists). An appeal may sit in one queue; its owner stays its owner.
CREATE TABLE queues (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  unit_id uuid REFERENCES units (id),
  assignment text NOT NULL DEFAULT 'manual' CHECK (assignment IN ('manual', 'round_robin', 'least_loaded')),
  -- Whether an agent must be certified for this queue to own its appeals, and what happens when not.
  require_attestation boolean NOT NULL DEFAULT true,
  unattested text NOT NULL DEFAULT 'forbid' CHECK (unattested IN ('forbid', 'supervisor_review')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE queue_members (
  queue_id uuid NOT NULL REFERENCES queues (id),
  user_id uuid NOT NULL REFERENCES users (id),
  attestation text NOT NULL DEFAULT 'certified' CHECK (attestation IN ('certified', 'in_training', 'expired')),
  attested_from date,
  attested_until date,
  available boolean NOT NULL DEFAULT true,
  last_assigned_at timestamptz,
  PRIMARY KEY (queue_id, user_id)
);
CREATE INDEX queue_members_user ON queue_members (user_id);

ALTER TABLE appeals ADD COLUMN queue_id uuid REFERENCES queues (id);
CREATE INDEX appeals_queue_status ON appeals (queue_id, status) WHERE queue_id IS NOT NULL;

INSERT INTO queues (code, name, assignment) VALUES
  ('hotline', 'Горячая линия', 'least_loaded'),
  ('buffer', 'Буферный отдел', 'round_robin'),
  ('development', 'Разработка', 'manual'),
  ('accounting', 'Бухгалтерия', 'manual'),
  ('vip', 'VIP-отдел', 'least_loaded'),
  ('field', 'Выездные специалисты', 'round_robin');
