-- Kiosk links: the address a tablet at a unit's desk opens to take in-person survey answers. Each link is a row,
-- so it can expire and be revoked; its signed token carries only the row's id, and the answer page checks the row
-- on every request. Links made before this table (signed survey and unit, no id) are not migrated: they stop
-- working and their page says the link has expired.
CREATE TABLE kiosk_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES surveys (id),
  unit_id uuid NOT NULL REFERENCES units (id),
  -- Where the tablet stands ("Reception, tablet 2"), for the people who manage the links.
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX kiosk_links_unit ON kiosk_links (unit_id, created_at DESC);
CREATE INDEX kiosk_links_survey ON kiosk_links (survey_id, created_at DESC);
