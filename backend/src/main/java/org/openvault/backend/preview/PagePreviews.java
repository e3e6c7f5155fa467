package org.openvault.backend.preview;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.database.Sql;
import org.openvault.backend.editing.ContentValidator;
import org.openvault.backend.editing.EditContext;
import org.openvault.backend.editing.PageEditRepository;
import org.openvault.backend.editing.PageEditing;
import org.openvault.backend.editing.PageState;
import org.openvault.backend.editing.PageTypes;
import org.openvault.backend.editing.TypeFields;
import org.openvault.backend.validation.Violations;

/**
 * An editor's unsaved page content, stored for the public site's preview route (which loads it through
 * {@code /api/v2/page_preview/}) under a signed token. The content is checked exactly as a save checks it (the same
 * validator, html blocks as the page has them now), so what is previewed is what would be stored; nothing of the
 * page itself changes. Previews older than a day are deleted on the way (a preview link serves the editing session
 * at hand; the table must not grow with every click). The admin API and the web admin's Preview button both use it.
 */
public final class PagePreviews {

    private final Sql sql;
    private final PreviewRepository previews;
    private final PreviewTokens tokens;
    private final PageTypes types;
    private final PageEditRepository pages;
    private final PageEditing editing;

    /** A stored preview: its token and the URLs that show it ({@code previewUrl} on the public site). */
    public record Created(String token, String contentType, String previewUrl, String apiUrl, String expiresAt) {
    }

    public PagePreviews(Sql sql, PreviewRepository previews, PreviewTokens tokens, PageTypes types,
                        PageEditRepository pages, PageEditing editing) {
        this.sql = sql;
        this.previews = previews;
        this.tokens = tokens;
        this.types = types;
        this.pages = pages;
        this.editing = editing;
    }

    /**
     * Stores {@code sent} as a preview of page {@code pageId}, or of a new page of {@code type} under
     * {@code parentId}; 422 (a {@code ValidationException}) when the content or the page is not valid.
     */
    public Created create(Caller caller, String type, Long pageId, Long parentId, JsonNode sent, String siteUrl) {
        return sql.inTransaction(tx -> {
            Violations violations = new Violations();
            List<String> previewable = PagePreviewService.typeNames().stream()
                    .filter(name -> types.get(name).isPresent()).toList();
            TypeFields fields = previewable.contains(type) ? types.get(type).orElseThrow() : null;
            if (fields == null) {
                violations.add("/type", "invalid_choice", "type is one of " + previewable);
            }
            PageState page = null;
            Integer parent = null;
            if (pageId != null) {
                page = pages.find(tx, pageId.intValue()).orElse(null);
                if (page == null) {
                    violations.add("/page_id", "unknown_page", "there is no page " + pageId);
                } else if (!page.type().equals(type)) {
                    violations.add("/page_id", "wrong_type", "page " + pageId + " is a " + page.type() + ", not a "
                            + type);
                } else if (parentId != null && !parentId.equals(page.parentId() == null ? null
                        : Long.valueOf(page.parentId()))) {
                    violations.add("/parent_id", "not_parent", "page " + pageId + " is under page " + page.parentId()
                            + "; leave parent_id out (pages change parent by moving)");
                } else {
                    parent = page.parentId();
                }
            } else if (parentId == null) {
                violations.add("/parent_id", "required", "parent_id is required to preview a page not created yet");
            } else {
                PageState parentPage = pages.find(tx, parentId.intValue()).orElse(null);
                if (parentPage == null || !parentPage.urlPath().startsWith("/home/")) {
                    violations.add("/parent_id", "unknown_page", "parent_id must name a page of the site");
                }
                if (fields != null && !fields.creatable()) {
                    violations.add("/type", "not_creatable", "there are no new pages of type " + type
                            + "; preview an existing one with page_id");
                }
                parent = parentId.intValue();
            }
            violations.throwIfAny();
            EditContext context = editing.editContext(tx, caller, page, sent, violations);
            ObjectNode content = ContentValidator.validate(sent, fields, context);
            violations.throwIfAny();
            // What the preview endpoint reads (V8): the page's own fields, as a save would store them.
            content.put("id", page == null ? 0 : page.id());
            content.put("parent_id", parent);
            content.put("first_published_at", page == null ? null : page.firstPublishedAt());
            content.put("last_published_at", page == null ? null : page.lastPublishedAt());
            PreviewTokens.Issued issued = tokens.issue(page == null
                    ? "parent_id=" + parent + ";page_type=" + type
                    : "id=" + page.id());
            previews.purgeOld(tx);
            previews.store(tx, issued.token(), type, content);
            String contentType = type.toLowerCase(Locale.ROOT);
            String query = "?content_type=" + URLEncoder.encode(contentType, StandardCharsets.UTF_8) + "&token="
                    + URLEncoder.encode(issued.token(), StandardCharsets.UTF_8);
            return new Created(issued.token(), contentType, siteUrl + "/preview" + query,
                    "/api/v2/page_preview/" + (page == null ? 0 : page.id()) + "/" + query,
                    issued.expiresAt().toString());
        });
    }
}
