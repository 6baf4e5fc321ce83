-- Same behaviour as 0001's sync_bump_version, read without to_jsonb(NEW): serialising every
-- inserted row to JSON only to find its owner made bulk inserts (the first start's seed of
-- about 40,000 contribution rows) several times slower. PL/pgSQL compiles each branch for
-- the table it fires on when it first runs it, so NEW.participant_id is never looked up on
-- participants, whose owner is its own id.
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
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
