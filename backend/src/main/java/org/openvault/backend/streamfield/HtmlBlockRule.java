package org.openvault.backend.streamfield;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who may store an html block. Its value reaches readers' browsers unsanitised, so only administrators may add or
 * change one; other editors may keep the page's existing html blocks exactly as they are.
 */
final class HtmlBlockRule {

    private final boolean mayEditHtml;
    private final Map<String, String> existing;

    HtmlBlockRule(boolean mayEditHtml, Map<String, String> existingHtmlBlocks) {
        this.mayEditHtml = mayEditHtml;
        this.existing = existingHtmlBlocks == null ? Map.of() : existingHtmlBlocks;
    }

    /** Whether a block with this id (as sent; null when new) may hold this value. */
    boolean allows(JsonNode id, String value) {
        if (mayEditHtml) {
            return true;
        }
        return id != null && id.isTextual() && value.equals(existing.get(id.asText()));
    }
}
