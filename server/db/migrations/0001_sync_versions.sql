-- One increasing version over every row a participant can see on the phone. Pull returns the
-- rows of a participant with version > cursor. The per-participant advisory lock, held until
-- commit, makes one participant's versions commit in increasing order, so a pull can never
-- move its cursor past a version that commits later (a classic gap with plain sequences).
CREATE SEQUENCE IF NOT EXISTS sync_version_seq;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sync_bump_version() RETURNS trigger AS $$
DECLARE
  owner integer;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
    RETURN NEW;
  END IF;
  owner := (to_jsonb(NEW) ->> TG_ARGV[0])::integer;
  PERFORM pg_advisory_xact_lock(7301, owner);
  NEW.version := nextval('sync_version_seq');
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
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER participants_version BEFORE INSERT OR UPDATE ON participants
  FOR EACH ROW EXECUTE FUNCTION sync_bump_version('id');
--> statement-breakpoint
CREATE TRIGGER memberships_version BEFORE INSERT OR UPDATE ON memberships
  FOR EACH ROW EXECUTE FUNCTION sync_bump_version('participant_id');
--> statement-breakpoint
CREATE TRIGGER memberships_tombstone AFTER DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION sync_record_tombstone('participant_id', 'id');
--> statement-breakpoint
CREATE TRIGGER contributions_version BEFORE INSERT OR UPDATE ON contributions
  FOR EACH ROW EXECUTE FUNCTION sync_bump_version('participant_id');
--> statement-breakpoint
CREATE TRIGGER contributions_tombstone AFTER DELETE ON contributions
  FOR EACH ROW EXECUTE FUNCTION sync_record_tombstone('participant_id', 'id');
--> statement-breakpoint
CREATE TRIGGER jht_balances_version BEFORE INSERT OR UPDATE ON jht_balances
  FOR EACH ROW EXECUTE FUNCTION sync_bump_version('participant_id');
--> statement-breakpoint
CREATE TRIGGER jht_balances_tombstone AFTER DELETE ON jht_balances
  FOR EACH ROW EXECUTE FUNCTION sync_record_tombstone('participant_id', 'membership_id');
--> statement-breakpoint
CREATE TRIGGER claims_version BEFORE INSERT OR UPDATE ON claims
  FOR EACH ROW EXECUTE FUNCTION sync_bump_version('participant_id');
--> statement-breakpoint
CREATE TRIGGER claims_tombstone AFTER DELETE ON claims
  FOR EACH ROW EXECUTE FUNCTION sync_record_tombstone('participant_id', 'id');
--> statement-breakpoint
CREATE TRIGGER claim_events_version BEFORE INSERT OR UPDATE ON claim_events
  FOR EACH ROW EXECUTE FUNCTION sync_bump_version('participant_id');
--> statement-breakpoint
CREATE TRIGGER claim_events_tombstone AFTER DELETE ON claim_events
  FOR EACH ROW EXECUTE FUNCTION sync_record_tombstone('participant_id', 'id');
