-- Every bump of content_version is also announced on the channel content_version (PostgreSQL delivers it at commit),
-- so a backend knows the current version without asking the database on every request; it still asks now and then
-- and whenever it cannot listen.
CREATE OR REPLACE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bumped bigint;
BEGIN
    IF current_setting('ov.content_version_bumped', true) IS DISTINCT FROM 'yes' THEN
        UPDATE content_version SET version = version + 1, changed_at = now() RETURNING version INTO bumped;
        PERFORM set_config('ov.content_version_bumped', 'yes', true);
        PERFORM pg_notify('content_version', bumped::text);
    END IF;
    RETURN NULL;
END
$$;
