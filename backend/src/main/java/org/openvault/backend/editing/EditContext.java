package org.openvault.backend.editing;

import java.util.Map;

import org.openvault.backend.database.Statements;
import org.openvault.backend.validation.Violations;

/**
 * What checking an editor's page content needs besides the content: the transaction (to check that referenced images,
 * authors and exhibits exist), the page being edited (null when new), whether the caller may add or change raw html
 * blocks, the html blocks the page has now (id to value), and where problems are collected.
 */
public record EditContext(Statements db, Integer pageId, boolean mayEditHtml, Map<String, String> existingHtmlBlocks,
                          Violations violations) {

    /** The pointer of a member of the content object. */
    public String at(String member) {
        return Violations.pointer(ContentChecks.CONTENT, member);
    }
}
