package org.openvault.backend.preview;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.ContentFixture;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.auth.Role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Previews of unsaved content through the admin API, end to end: the editor posts content, the public preview
 * endpoint answers it in the pages-detail shape at the answered api_url, and nothing of the page changes.
 */
class PreviewAdminTest {

    private static final String HTML_BLOCK_ID = "7d7c2a51-0b7e-4d1c-9b55-3c1f0e2d9a41";

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    static AdminApi editor;
    static AdminApi administrator;
    static final List<Integer> pages = new ArrayList<>();

    @BeforeAll
    static void accounts() {
        editor = AdminApi.signedIn(backend, "previewadmin-editor", Role.EDITOR);
        administrator = new AdminApi(backend, AdminFixture.tokenFor(backend.db(), "previewadmin-admin",
                Role.ADMINISTRATOR));
    }

    @AfterAll
    static void removeWhatWasMade() {
        for (int page : pages) {
            backend.db().execute("DELETE FROM page WHERE id = " + page);
        }
        backend.db().execute("DELETE FROM page_preview WHERE content_json ->> 'title' LIKE 'Preview Admin%'");
    }

    static ObjectNode exhibit(String title, String slug, String text) {
        ObjectNode content = ApiJson.MAPPER.createObjectNode().put("title", title).put("slug", slug);
        content.putArray("body").addObject().put("type", "text").put("value", text);
        return content;
    }

    static String preview(String type, Integer pageId, Integer parentId, JsonNode content) {
        ObjectNode body = ApiJson.MAPPER.createObjectNode().put("type", type);
        if (pageId != null) {
            body.put("page_id", pageId);
        }
        if (parentId != null) {
            body.put("parent_id", parentId);
        }
        body.set("content", content);
        return body.toString();
    }

    static long authorId(String name) {
        return backend.db().queryLong("SELECT id FROM author WHERE name = '" + name + "'");
    }

    static long revisions(int page) {
        return backend.db().queryLong("SELECT count(*) FROM page_revision WHERE page_id = " + page);
    }

    static long previewRows() {
        return backend.db().queryLong("SELECT count(*) FROM page_preview");
    }

    @Test
    void aNewExhibitIsPreviewedInThePagesDetailShapeAndNotCreated() {
        ObjectNode content = exhibit("Preview Admin Unsaved Exhibit", "preview-admin-unsaved",
                "<p onclick=\"x()\">Unsaved words<script>alert(1)</script></p>");
        content.putArray("authors").addObject().put("author_id", authorId("Alice Archivist"));
        HttpResponse<String> response = editor.post("/previews/", preview("exhibits.ExhibitPage", null, 3, content));
        JsonNode answer = AdminApi.json(response, 201);
        String token = answer.get("token").asText();
        assertTrue(token.startsWith("parent_id=3;page_type=exhibits.ExhibitPage:"), token);
        assertEquals("exhibits.exhibitpage", answer.get("content_type").asText());
        String query = "?content_type=exhibits.exhibitpage&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        assertEquals("http://localhost/preview" + query, answer.get("preview_url").asText());
        assertEquals("/api/v2/page_preview/0/" + query, answer.get("api_url").asText());
        assertEquals(answer.get("api_url").asText(), response.headers().firstValue("Location").orElseThrow());
        Instant expires = Instant.parse(answer.get("expires_at").asText());
        assertTrue(Math.abs(Duration.between(Instant.now().plus(Duration.ofDays(1)), expires).toSeconds()) < 60,
                "tokens live for ov.preview.max-age-seconds: " + expires);

        JsonNode draft = backend.getJson(answer.get("api_url").asText());
        assertEquals(0, draft.get("id").asInt());
        assertEquals("exhibits.ExhibitPage", draft.at("/meta/type").asText());
        assertEquals("Preview Admin Unsaved Exhibit", draft.get("title").asText());
        assertEquals("preview-admin-unsaved", draft.at("/meta/slug").asText());
        assertEquals("http://localhost/preview-admin-unsaved/", draft.at("/meta/html_url").asText());
        assertEquals("<p>Unsaved words</p>", draft.at("/body/0/value").asText(), "sanitised as a save would store it");
        assertEquals("Alice Archivist", draft.at("/authors/0/name").asText());
        assertTrue(draft.has("footnotes") && draft.has("other_exhibits") && draft.has("cover_image"));
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM page WHERE slug = 'preview-admin-unsaved'"),
                "previewing creates no page");
    }

    @Test
    void anEditOfALiveExhibitIsPreviewedWhileTheLivePageStaysAsItIs() {
        int id = ContentFixture.id(backend.db(), "ex-plain-new");
        JsonNode live = backend.getJson("/api/v2/exhibits/" + id + "/");
        long revisionsBefore = revisions(id);
        ObjectNode content = exhibit("Preview Admin Plain New Edited", "ex-plain-new", "<p>An edit in progress</p>");
        JsonNode answer = AdminApi.json(editor.post("/previews/",
                preview("exhibits.ExhibitPage", id, null, content)), 201);
        String token = answer.get("token").asText();
        assertTrue(token.startsWith("id=" + id + ":"), token);
        assertTrue(answer.get("api_url").asText().startsWith("/api/v2/page_preview/" + id + "/?"));

        JsonNode draft = backend.getJson(answer.get("api_url").asText());
        assertEquals(id, draft.get("id").asInt());
        assertEquals("Preview Admin Plain New Edited", draft.get("title").asText());
        assertEquals("<p>An edit in progress</p>", draft.at("/body/0/value").asText());
        assertEquals(live.at("/meta/first_published_at").asText(), draft.at("/meta/first_published_at").asText());
        assertEquals(live.at("/meta/html_url").asText(), draft.at("/meta/html_url").asText());

        JsonNode after = backend.getJson("/api/v2/exhibits/" + id + "/");
        assertEquals("Plain New", after.get("title").asText(), "the live page is unchanged");
        assertEquals(live, after);
        assertEquals(revisionsBefore, revisions(id), "no revision was saved");
        JsonNode withParent = AdminApi.json(editor.post("/previews/",
                preview("exhibits.ExhibitPage", id, 3, content)), 201);
        assertTrue(withParent.get("token").asText().startsWith("id=" + id + ":"), "naming its own parent is fine");
    }

    @Test
    void aNewCollectionIsPreviewedToo() {
        ObjectNode content = ApiJson.MAPPER.createObjectNode().put("title", "Preview Admin Collection")
                .put("introduction", "<p>An <em>introduction</em></p>");
        JsonNode answer = AdminApi.json(editor.post("/previews/",
                preview("ov_collections.Collection", null, 3, content)), 201);
        assertEquals("ov_collections.collection", answer.get("content_type").asText());
        JsonNode draft = backend.getJson(answer.get("api_url").asText());
        assertEquals("Preview Admin Collection", draft.get("title").asText());
        assertEquals("preview-admin-collection", draft.at("/meta/slug").asText(), "the slug made from the title");
        assertEquals("<p>An <i>introduction</i></p>", draft.get("introduction").asText());
    }

    @Test
    void invalidContentAndRequestsAre422WithPointersAndNothingIsStored() {
        long rows = previewRows();
        ObjectNode bad = exhibit("", "not a slug!", "<p>x</p>");
        bad.put("cover_image_id", 999999).put("colour", "red");
        bad.withArray("body").addObject().put("type", "interviews").putObject("value").put("guids", "");
        JsonNode problem = AdminApi.problem(editor.post("/previews/", preview("exhibits.ExhibitPage", null, 3, bad)),
                422, "validation_failed");
        String errors = problem.get("errors").toString();
        for (String pointer : new String[] {"/content/title", "/content/slug", "/content/cover_image_id",
                "/content/colour", "/content/body/1/value/guids"}) {
            assertTrue(errors.contains("\"" + pointer + "\""), pointer + " missing in " + errors);
        }
        ObjectNode fine = exhibit("Preview Admin Fine", "preview-admin-fine", "<p>x</p>");
        int collection = ContentFixture.id(backend.db(), "col-a");
        assertEquals(List.of("invalid_choice"), AdminApi.errorCodes(AdminApi.json(editor.post("/previews/",
                preview("staticpages.StaticPage", null, 3, fine)), 422), "/type"));
        assertEquals(List.of("required"), AdminApi.errorCodes(AdminApi.json(editor.post("/previews/",
                preview("exhibits.ExhibitPage", null, null, fine)), 422), "/parent_id"));
        assertEquals(List.of("unknown_page"), AdminApi.errorCodes(AdminApi.json(editor.post("/previews/",
                preview("exhibits.ExhibitPage", null, 1, fine)), 422), "/parent_id"));
        assertEquals(List.of("unknown_page"), AdminApi.errorCodes(AdminApi.json(editor.post("/previews/",
                preview("exhibits.ExhibitPage", 999999, null, fine)), 422), "/page_id"));
        assertEquals(List.of("wrong_type"), AdminApi.errorCodes(AdminApi.json(editor.post("/previews/",
                preview("exhibits.ExhibitPage", collection, null, fine)), 422), "/page_id"));
        assertEquals(List.of("not_parent"), AdminApi.errorCodes(AdminApi.json(editor.post("/previews/",
                preview("exhibits.ExhibitPage", ContentFixture.id(backend.db(), "ex-plain-new"), collection, fine)),
                422), "/parent_id"));
        assertEquals(List.of("not_creatable"), AdminApi.errorCodes(AdminApi.json(editor.post("/previews/",
                preview("home.HomePage", null, 3, ApiJson.MAPPER.createObjectNode().put("title", "Home"))), 422),
                "/type"));
        assertEquals(List.of("unknown_field"), AdminApi.errorCodes(AdminApi.json(editor.post("/previews/",
                "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3,\"content\":{\"title\":\"x\"},\"publish\":true}"),
                422), "/publish"));
        assertEquals(List.of("required"), AdminApi.errorCodes(AdminApi.json(editor.post("/previews/",
                "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3}"), 422), "/content"));
        assertEquals(rows, previewRows(), "nothing was stored");
    }

    @Test
    void htmlBlocksFollowTheSaveRulesWithThePagesCurrentBlocks() {
        ObjectNode content = exhibit("Preview Admin Html", "preview-admin-html", "<p>Text</p>");
        content.withArray("body").addObject().put("type", "html").put("id", HTML_BLOCK_ID)
                .put("value", "<iframe src=\"https://americanarchive.org/embed/x\"></iframe>");
        assertEquals("forbidden_block", AdminApi.json(editor.post("/previews/",
                preview("exhibits.ExhibitPage", null, 3, content)), 422).at("/errors/0/code").asText(),
                "editors add no html blocks, in previews either");
        JsonNode page = AdminApi.json(administrator.post("/pages/", "{\"type\":\"exhibits.ExhibitPage\","
                + "\"parent_id\":3,\"content\":" + content + "}"), 201);
        int id = page.get("id").asInt();
        pages.add(id);
        ObjectNode retitled = content.deepCopy().put("title", "Preview Admin Html Retitled");
        JsonNode kept = AdminApi.json(editor.post("/previews/", preview("exhibits.ExhibitPage", id, null, retitled)),
                201);
        JsonNode draft = backend.getJson(kept.get("api_url").asText());
        assertEquals("Preview Admin Html Retitled", draft.get("title").asText());
        assertEquals("html", draft.at("/body/1/type").asText(), "an editor may keep the page's html block");
        ObjectNode changed = retitled.deepCopy();
        ((ObjectNode) changed.get("body").get(1)).put("value", "<script>alert(1)</script>");
        assertEquals("forbidden_block", AdminApi.json(editor.post("/previews/",
                preview("exhibits.ExhibitPage", id, null, changed)), 422).at("/errors/0/code").asText());
        AdminApi.json(administrator.post("/previews/", preview("exhibits.ExhibitPage", id, null, changed)), 201);
    }

    @Test
    void dayOldPreviewsAreDeletedWhenOneIsCreated() {
        backend.db().execute("INSERT INTO page_preview (token, content_type, content_json, created_at) VALUES"
                + " ('previewadmin-old', 'exhibits.ExhibitPage', '{\"id\": 0, \"title\": \"Preview Admin Old\"}',"
                + " now() - interval '25 hours')");
        AdminApi.json(editor.post("/previews/", preview("exhibits.ExhibitPage", null, 3,
                exhibit("Preview Admin Purger", "preview-admin-purger", "<p>x</p>"))), 201);
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM page_preview WHERE token = 'previewadmin-old'"));
    }

    @Test
    void anonymousCallersAreRefused() {
        long rows = previewRows();
        HttpResponse<String> refused = AdminApi.anonymous(backend).post("/previews/", preview("exhibits.ExhibitPage",
                null, 3, exhibit("Preview Admin Anonymous", "preview-admin-anonymous", "<p>x</p>")));
        AdminApi.problem(refused, 401, "not_authenticated");
        assertEquals(rows, previewRows());
        assertFalse(RunningBackend.json(refused).has("token"));
    }
}
