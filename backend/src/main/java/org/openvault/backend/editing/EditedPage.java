package org.openvault.backend.editing;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A page as editors see it: its state, its latest revision (null before the first save) and that revision's content. */
public record EditedPage(PageState state, PageEditRepository.Revision latest, ObjectNode content) {

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", state.id());
        json.put("type", state.type());
        json.put("parent_id", state.parentId());
        json.put("url_path", state.urlPath());
        json.put("status", state.status());
        json.put("live", state.live());
        json.put("has_unpublished_changes", state.hasUnpublishedChanges());
        json.put("first_published_at", state.firstPublishedAt());
        json.put("last_published_at", state.lastPublishedAt());
        json.put("go_live_at", state.goLiveAt());
        json.put("expire_at", state.expireAt());
        json.put("live_revision_id", state.liveRevisionId());
        json.put("latest_revision", latest == null ? null : latest.json());
        json.put("etag", state.etag());
        json.put("content", content);
        return json;
    }
}
