-- Saving a draft updates only the editors' bookkeeping on the page row (latest revision, draft title, "has unpublished
-- changes", who owns it, when it is scheduled); the public JSON does not change, so the rendered responses the API
-- keeps (content_version, V40) stay valid. Page updates advance content_version only when another column changes.
DROP TRIGGER content_changed ON page;

CREATE CONSTRAINT TRIGGER content_changed AFTER INSERT OR DELETE ON page
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();

CREATE CONSTRAINT TRIGGER content_changed_on_update AFTER UPDATE ON page
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN ((to_jsonb(OLD) - ARRAY['latest_revision_id', 'latest_revision_created_at', 'draft_title',
                                 'has_unpublished_changes', 'updated_at', 'owner_id', 'go_live_at', 'expire_at',
                                 'locked', 'locked_at'])
          IS DISTINCT FROM
          (to_jsonb(NEW) - ARRAY['latest_revision_id', 'latest_revision_created_at', 'draft_title',
                                 'has_unpublished_changes', 'updated_at', 'owner_id', 'go_live_at', 'expire_at',
                                 'locked', 'locked_at']))
    EXECUTE FUNCTION bump_content_version();
