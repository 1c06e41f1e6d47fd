-- Ownership across teams: the appeal's owner stays its owner; work for another team or person travels as a
-- sub-task with its own due time and status. Escalations: an agent asks a supervisor, who decides.
CREATE TABLE appeal_subtasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  appeal_id uuid NOT NULL REFERENCES appeals (id),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  queue_id uuid REFERENCES queues (id),
  assignee_id uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  -- Working minutes asked for at creation (on the Customer Service calendar); due_at is the instant they end.
  due_minutes integer CHECK (due_minutes >= 0),
  due_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  -- The owner is told once that the sub-task is late; moving due_at clears it.
  late_notified_at timestamptz,
  CHECK (queue_id IS NOT NULL OR assignee_id IS NOT NULL)
);
CREATE INDEX appeal_subtasks_appeal ON appeal_subtasks (appeal_id, created_at);
CREATE INDEX appeal_subtasks_assignee ON appeal_subtasks (assignee_id, status) WHERE assignee_id IS NOT NULL;
CREATE INDEX appeal_subtasks_queue ON appeal_subtasks (queue_id, status) WHERE queue_id IS NOT NULL;
-- The late scan looks only at open work with a due time nobody has been told about.
CREATE INDEX appeal_subtasks_late ON appeal_subtasks (due_at)
  WHERE status IN ('open', 'in_progress') AND due_at IS NOT NULL AND late_notified_at IS NULL;

CREATE TABLE appeal_escalations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  appeal_id uuid NOT NULL REFERENCES appeals (id),
  requested_by uuid NOT NULL REFERENCES users (id),
  reason text NOT NULL CHECK (length(reason) > 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by uuid REFERENCES users (id),
  decision_note text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeal_escalations_appeal ON appeal_escalations (appeal_id, created_at);
-- At most one open question per appeal.
CREATE UNIQUE INDEX appeal_escalations_one_pending ON appeal_escalations (appeal_id) WHERE status = 'pending';
CREATE INDEX appeal_escalations_status ON appeal_escalations (status, created_at);
