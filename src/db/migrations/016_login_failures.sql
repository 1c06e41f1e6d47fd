-- Failed logins, kept only as long as the login limit's window looks back: one row per failure, by the e-mail that
-- was typed (known or not) and the client's address. The limit counts them per e-mail and address (one person's
-- typos lock only that account at that computer) and per address (a looser cap against password spraying).
CREATE TABLE login_failures (
  address text NOT NULL,
  email text NOT NULL,
  failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_address ON login_failures (address, failed_at);
-- Pruning drops what has left every window.
CREATE INDEX login_failures_failed_at ON login_failures (failed_at);
