-- A user's saved queue views: a name and the queue screen's search params (a flat object of strings or string
-- arrays), listed in the navigation under the built-in queues. Each user sees and changes only their own.
CREATE TABLE saved_views (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  name text NOT NULL,
  query jsonb NOT NULL,
  position int NOT NULL DEFAULT 0,
  created_at timestamptz DEFAULT now(),
  UNIQUE (user_id, name)
);
