package org.openvault.backend.preview;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminJson;
import org.openvault.backend.admin.JsonFields;
import org.openvault.backend.api.ApiUrls;
import org.openvault.backend.auth.Authenticator;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.auth.Permission;
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
 * {@code POST /api/admin/v1/previews}: an editor's unsaved page content, stored for the public site's preview route
 * (which loads it through {@code /api/v2/page_preview/}) and answered with its signed token and the URLs that show
 * it. The content is checked exactly as a save checks it (the same validator, html blocks as the page has them now),
 * so what is previewed is what would be stored; nothing of the page itself changes. Previews older than a day are
 * deleted on the way (a preview link serves the editing session at hand; the table must not grow with every click).
 */
public final class PreviewAdminService implements HttpService {

    private static final Set<String> FIELDS = Set.of("type", "page_id", "parent_id", "content");

    private final Sql sql;
    private final PreviewRepository previews;
    private final PreviewTokens tokens;
    private final PageTypes types;
    private final PageEditRepository pages;
    private final PageEditing editing;
    private final ApiUrls urls;
    private final Authenticator authenticator;

    public PreviewAdminService(Sql sql, PreviewRepository previews, PreviewTokens tokens, PageTypes types,
                               PageEditRepository pages, PageEditing editing, ApiUrls urls,
                               Authenticator authenticator) {
        this.sql = sql;
        this.previews = previews;
        this.tokens = tokens;
        this.types = types;
        this.pages = pages;
        this.editing = editing;
        this.urls = urls;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", authenticator.secured(Permission.EDIT_PAGES, this::create));
    }

    private void create(Caller caller, ServerRequest req, ServerResponse res) {
        ObjectNode body = AdminJson.readObject(req);
        Violations given = new Violations();
        JsonFields.onlyKnown(body, "", FIELDS, given);
        String type = JsonFields.text(body, "", "type", "", 100, true, given);
        Long pageId = JsonFields.integer(body, "", "page_id", null, 1, Integer.MAX_VALUE, given);
        Long parentId = JsonFields.integer(body, "", "parent_id", null, 1, Integer.MAX_VALUE, given);
        given.throwIfAny();
        Map<String, Object> answer = sql.inTransaction(tx -> {
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
            EditContext context = editing.editContext(tx, caller, page, body.get("content"), violations);
            ObjectNode content = ContentValidator.validate(body.get("content"), fields, context);
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
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("token", issued.token());
            json.put("content_type", contentType);
            json.put("preview_url", urls.context().siteUrl() + "/preview" + query);
            json.put("api_url", "/api/v2/page_preview/" + (page == null ? 0 : page.id()) + "/" + query);
            json.put("expires_at", issued.expiresAt().toString());
            return json;
        });
        res.header(HeaderNames.LOCATION, (String) answer.get("api_url"));
        AdminJson.send(res, Status.CREATED_201, answer);
    }
}
