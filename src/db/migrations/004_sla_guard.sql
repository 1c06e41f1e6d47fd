-- A new appeal's deadlines are planned in the application from a cached copy of the SLA configuration and
-- written in the same statement as the appeal. This guard makes that statement fail (SQLSTATE OT001) when the
-- configuration changed meanwhile, so the application re-plans with the current one instead of writing stale
-- deadlines.
CREATE FUNCTION sla_config_is(expected_instance uuid, expected_version bigint) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM sla_settings WHERE instance = expected_instance AND version = expected_version) THEN
    RAISE EXCEPTION 'The SLA configuration changed' USING ERRCODE = 'OT001';
  END IF;
  RETURN true;
END
$$;
