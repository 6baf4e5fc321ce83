-- Every change that can alter what a pull answers, or who a session cookie is, is announced
-- with NOTIFY from the database itself, so no writer (push, back office, seed, simulator, a
-- script run with psql) can forget it. Instances keep "this device is up to date" and "this
-- cookie is signed in" in memory and drop an entry when its owner is named here. A
-- notification is delivered only once its transaction commits, and only once per payload per
-- transaction, so the bulk seed sends one per participant, not one per row.
CREATE OR REPLACE FUNCTION sync_bump_version() RETURNS trigger AS $$
DECLARE
  owner integer;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
    RETURN NEW;
  END IF;
  IF TG_ARGV[0] = 'participant_id' THEN
    owner := NEW.participant_id;
  ELSIF TG_ARGV[0] = 'id' THEN
    owner := NEW.id;
  ELSE
    RAISE EXCEPTION 'sync_bump_version: no owner column %', TG_ARGV[0];
  END IF;
  PERFORM pg_advisory_xact_lock(7301, owner);
  NEW.version := nextval('sync_version_seq');
  PERFORM pg_notify('jmo_sync_changed', owner::text);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sync_record_tombstone() RETURNS trigger AS $$
DECLARE
  owner integer;
BEGIN
  owner := (to_jsonb(OLD) ->> TG_ARGV[0])::integer;
  PERFORM pg_advisory_xact_lock(7301, owner);
  INSERT INTO sync_tombstones (participant_id, entity, entity_key, version)
  VALUES (owner, TG_TABLE_NAME, to_jsonb(OLD) ->> TG_ARGV[1], nextval('sync_version_seq'));
  PERFORM pg_notify('jmo_sync_changed', owner::text);
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- The rest of a pull's ETag: the account's scope epoch and cards, each device's last applied
-- mutation, and the tombstones themselves (a pruned tombstone lowers the watermark).
CREATE OR REPLACE FUNCTION sync_notify_account_owner() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('jmo_sync_changed', participant_id::text) FROM accounts WHERE id = NEW.account_id;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('jmo_sync_changed', participant_id::text) FROM accounts WHERE id = OLD.account_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER sync_devices_notify AFTER INSERT OR UPDATE OR DELETE ON sync_devices
  FOR EACH ROW EXECUTE FUNCTION sync_notify_account_owner();
--> statement-breakpoint
CREATE TRIGGER account_cards_notify AFTER INSERT OR UPDATE OR DELETE ON account_cards
  FOR EACH ROW EXECUTE FUNCTION sync_notify_account_owner();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sync_notify_participant() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('jmo_sync_changed', NEW.participant_id::text);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('jmo_sync_changed', OLD.participant_id::text);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER accounts_notify AFTER UPDATE OR DELETE ON accounts
  FOR EACH ROW EXECUTE FUNCTION sync_notify_participant();
--> statement-breakpoint
CREATE TRIGGER sync_tombstones_notify AFTER UPDATE OR DELETE ON sync_tombstones
  FOR EACH ROW EXECUTE FUNCTION sync_notify_participant();
--> statement-breakpoint
-- A session is cached by its account: a revocation, an expiry moved earlier, a deletion (the
-- account's cascade too) drops every cached cookie of that account on every instance. The
-- sliding expiry (later expires_at, last_seen_at) announces nothing.
CREATE OR REPLACE FUNCTION session_notify_account() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE'
    OR NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
    OR NEW.expires_at < OLD.expires_at
    OR NEW.account_id <> OLD.account_id
    OR NEW.token_hash <> OLD.token_hash THEN
    PERFORM pg_notify('jmo_session_changed', OLD.account_id::text);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER sessions_notify AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION session_notify_account();
--> statement-breakpoint
-- TRUNCATE fires no row trigger: it empties whole tables, so every instance forgets everything.
CREATE OR REPLACE FUNCTION notify_everything_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('jmo_sync_changed', '*');
  PERFORM pg_notify('jmo_session_changed', '*');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER participants_truncate_notify AFTER TRUNCATE ON participants FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER memberships_truncate_notify AFTER TRUNCATE ON memberships FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER contributions_truncate_notify AFTER TRUNCATE ON contributions FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER jht_balances_truncate_notify AFTER TRUNCATE ON jht_balances FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER claims_truncate_notify AFTER TRUNCATE ON claims FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER claim_events_truncate_notify AFTER TRUNCATE ON claim_events FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER complaints_truncate_notify AFTER TRUNCATE ON complaints FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER complaint_messages_truncate_notify AFTER TRUNCATE ON complaint_messages FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER payments_truncate_notify AFTER TRUNCATE ON payments FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER notifications_truncate_notify AFTER TRUNCATE ON notifications FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER sync_tombstones_truncate_notify AFTER TRUNCATE ON sync_tombstones FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER sync_devices_truncate_notify AFTER TRUNCATE ON sync_devices FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER account_cards_truncate_notify AFTER TRUNCATE ON account_cards FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER accounts_truncate_notify AFTER TRUNCATE ON accounts FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_truncate_notify AFTER TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION notify_everything_changed();
