-- Merging two customers keeps the merged one as a tombstone (merged_into set) so that old links resolve;
-- who merged it and when are kept on the tombstone, and a customer can never be merged into itself.
ALTER TABLE customers ADD COLUMN merged_at timestamptz;
ALTER TABLE customers ADD COLUMN merged_by uuid REFERENCES users (id);
ALTER TABLE customers ADD CONSTRAINT customers_not_merged_into_self CHECK (merged_into IS NULL OR merged_into <> id);
-- Re-pointing older tombstones when their survivor is merged in turn.
CREATE INDEX customers_merged_into ON customers (merged_into) WHERE merged_into IS NOT NULL;

-- The overdue queue (an unmet deadline past due) and the dueAt sort read only unmet targets: few next to history.
CREATE INDEX appeal_sla_targets_unmet ON appeal_sla_targets (due_at, appeal_id) WHERE met_at IS NULL;
