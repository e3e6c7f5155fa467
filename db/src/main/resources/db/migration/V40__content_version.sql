-- content_version: one counter that grows with every committed change to published content, so the API can keep
-- rendered responses and reuse them while the counter is unchanged (backend package responsecache). The counter
-- and the change commit together: a reader that sees version v also sees every change made before v.
--
-- Tracked tables call ov_track_content(table) (later migrations adding content tables do the same; a backend
-- test fails when a table is neither tracked nor listed as untracked there). Untracked on purpose: derived or
-- private tables (image_rendition, search_document, search_word, page_revision, page_preview).
CREATE TABLE content_version (
    id         boolean     PRIMARY KEY DEFAULT true CHECK (id),
    version    bigint      NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO content_version (version) VALUES (1);

-- Runs at commit (deferred) and bumps the counter once per transaction, however many rows changed, so the row
-- lock on content_version is held only for the commit itself.
CREATE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('ov.content_version_bumped', true) IS DISTINCT FROM 'yes' THEN
        UPDATE content_version SET version = version + 1, changed_at = now();
        PERFORM set_config('ov.content_version_bumped', 'yes', true);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION ov_track_content(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE CONSTRAINT TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE ON %s'
                   ' DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version()', target);
    EXECUTE format('CREATE TRIGGER content_truncated AFTER TRUNCATE ON %s'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version()', target);
END
$$;

SELECT ov_track_content(t::regclass) FROM unnest(ARRAY[
    'page', 'home_page', 'author', 'exhibit', 'exhibit_author', 'exhibit_other_exhibit', 'collection', 'footnote',
    'image', 'gbh_series', 'redirect', 'static_page']) AS t;
