-- Status events are the audit trail: nothing may change or remove them, not even
-- a buggy service function. Row triggers stop UPDATE and DELETE, a statement
-- trigger stops TRUNCATE (which bypasses row triggers).
CREATE FUNCTION reject_status_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'status_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER status_events_no_update_delete
  BEFORE UPDATE OR DELETE ON status_events
  FOR EACH ROW EXECUTE FUNCTION reject_status_event_change();
--> statement-breakpoint
CREATE TRIGGER status_events_no_truncate
  BEFORE TRUNCATE ON status_events
  FOR EACH STATEMENT EXECUTE FUNCTION reject_status_event_change();
--> statement-breakpoint
INSERT INTO instance_state (id) VALUES (1);
