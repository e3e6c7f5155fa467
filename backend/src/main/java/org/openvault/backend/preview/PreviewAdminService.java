package org.openvault.backend.preview;

import java.util.LinkedHashMap;
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
import org.openvault.backend.validation.Violations;

/**
 * {@code POST /api/admin/v1/previews}: an editor's unsaved page content stored as a preview ({@link PagePreviews}),
 * answered with its signed token and the URLs that show it.
 */
public final class PreviewAdminService implements HttpService {

    private static final Set<String> FIELDS = Set.of("type", "page_id", "parent_id", "content");

    private final PagePreviews previews;
    private final ApiUrls urls;
    private final Authenticator authenticator;

    public PreviewAdminService(PagePreviews previews, ApiUrls urls, Authenticator authenticator) {
        this.previews = previews;
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
        PagePreviews.Created created = previews.create(caller, type, pageId, parentId, body.get("content"),
                urls.context().siteUrl());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", created.token());
        answer.put("content_type", created.contentType());
        answer.put("preview_url", created.previewUrl());
        answer.put("api_url", created.apiUrl());
        answer.put("expires_at", created.expiresAt());
        res.header(HeaderNames.LOCATION, created.apiUrl());
        AdminJson.send(res, Status.CREATED_201, answer);
    }
}
