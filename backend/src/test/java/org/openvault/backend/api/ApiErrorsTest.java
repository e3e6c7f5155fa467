package org.openvault.backend.api;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every 400/404/405 message of the original API, word for word, and the headers every /api/v2/ answer carries. */
class ApiErrorsTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    @Test
    void badRequestMessages() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/api/v2/exhibits/?bogus=1", "query parameter is not an operation or a recognised field: bogus");
        cases.put("/api/v2/exhibits/?foo=1&bar=2", "query parameter is not an operation or a recognised field: bar, foo");
        cases.put("/api/v2/exhibits/?limit=-1", "limit must be a positive integer");
        cases.put("/api/v2/exhibits/?limit=abc", "limit must be a positive integer");
        cases.put("/api/v2/collections/?offset=-5", "offset must be a positive integer");
        cases.put("/api/v2/exhibits/?featured=yes",
                "field filter error. 'yes' is not a valid value for featured (expected 'true' or 'false', got 'yes')");
        cases.put("/api/v2/exhibits/?id=abc",
                "field filter error. 'abc' is not a valid value for id (invalid literal for int() with base 10: 'abc')");
        cases.put("/api/v2/exhibits/?order=x", "cannot order by 'x' (unknown field)");
        cases.put("/api/v2/exhibits/?order=-nope", "cannot order by 'nope' (unknown field)");
        cases.put("/api/v2/exhibits/?order=random,title", "random ordering cannot be combined with other fields");
        cases.put("/api/v2/exhibits/?order=random&offset=0", "random ordering with offset is not supported");
        cases.put("/api/v2/exhibits/?fields=x", "unknown fields: x");
        cases.put("/api/v2/exhibits/?fields=zz,-aa", "unknown fields: aa, zz");
        cases.put("/api/v2/exhibits/?fields=parent", "unknown fields: parent");
        cases.put("/api/v2/exhibits/?fields=title,", "fields error: unexpected char ',' at position 6");
        cases.put("/api/v2/exhibits/?fields=title%20", "fields error: unexpected whitespace at position 5");
        cases.put("/api/v2/exhibits/?fields=authors(name", "fields error: unexpected end of input (did you miss out a close bracket?)");
        cases.put("/api/v2/exhibits/?fields=title,*", "fields error: '*' must be in the first position");
        cases.put("/api/v2/exhibits/?fields=_,-title", "fields error: negated fields with '_' doesn't make sense");
        cases.put("/api/v2/exhibits/?fields=*,title", "fields error: additional fields with '*' doesn't make sense");
        cases.put("/api/v2/exhibits/?fields=title(x)", "'title' does not support nested fields");
        cases.put("/api/v2/pages/?type=nope.Nope", "type doesn't exist");
        cases.put("/api/v2/pages/?type=nope", "type doesn't exist");
        cases.put("/api/v2/pages/?child_of=x", "child_of must be a positive integer");
        cases.put("/api/v2/pages/?child_of=999999", "parent page doesn't exist");
        cases.put("/api/v2/pages/?descendant_of=3&child_of=3", "filtering by descendant_of with child_of is not supported");
        cases.put("/api/v2/pages/?fields=parent", "unknown fields: parent");
        cases.put("/api/v2/exhibits/?slug=%00", "query parameters cannot contain NUL (0x00) characters");
        cases.forEach((path, message) -> {
            HttpResponse<String> response = assertMessage(400, path, message);
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        });
    }

    /** Search: what the original's search index cannot filter or order by, and the operator. */
    @Test
    void searchMessages() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/api/v2/exhibits/?search=boston&order=slug", "cannot order by 'slug' while searching (field is not indexed)");
        cases.put("/api/v2/exhibits/?search=boston&order=-seo_title", "cannot order by 'seo_title' while searching (field is not indexed)");
        cases.put("/api/v2/exhibits/?search=boston&order=title,cover_image", "cannot order by 'cover_image' while searching (field is not indexed)");
        cases.put("/api/v2/pages/?search=boston&order=random", "cannot order by '?' while searching (field is not indexed)");
        cases.put("/api/v2/collections/?search=boston&order=introduction", "cannot order by 'introduction' while searching (field is not indexed)");
        cases.put("/api/v2/pages/?search=boston&slug=ex-featured-new", "cannot filter by 'slug' while searching (field is not indexed)");
        cases.put("/api/v2/exhibits/?featured=true&search=x&search_description=y", "cannot filter by 'search_description' while searching (field is not indexed)");
        cases.put("/api/v2/exhibits/?search=x&hero_image=1", "cannot filter by 'hero_image_id' while searching (field is not indexed)");
        cases.put("/api/v2/pages/?search=x&alias_of=1", "cannot filter by 'alias_of_id' while searching (field is not indexed)");
        // filters are checked before the order, as Wagtail's search backend does
        cases.put("/api/v2/collections/?search=x&order=slug&introduction=y", "cannot filter by 'introduction' while searching (field is not indexed)");
        cases.put("/api/v2/pages/?search=boston&search_operator=xor", "search_operator must be either 'and' or 'or'");
        cases.put("/api/v2/exhibits/?search=boston&search_operator=%20and", "search_operator must be either 'and' or 'or'");
        // errors of the earlier filters come first
        cases.put("/api/v2/exhibits/?search=boston&order=nope", "cannot order by 'nope' (unknown field)");
        cases.put("/api/v2/exhibits/?search=boston&order=random&offset=1", "random ordering with offset is not supported");
        cases.put("/api/v2/exhibits/?search=boston&featured=maybe&order=slug",
                "field filter error. 'maybe' is not a valid value for featured (expected 'true' or 'false', got 'maybe')");
        cases.forEach((path, message) -> assertMessage(400, path, message));
        // indexed fields filter and order while searching; an empty search finds nothing and checks nothing
        for (String ok : new String[] {"/api/v2/exhibits/?search=boston&order=-last_published_at,title&featured=true",
                "/api/v2/pages/?search=boston&id=3&show_in_menus=false&order=first_published_at",
                "/api/v2/collections/?search=boston&search_operator=AND&order=-featured,id",
                "/api/v2/pages/?search=boston&search_operator=",
                "/api/v2/exhibits/?search=&slug=x&order=slug&search_operator=xor",
                "/api/v2/exhibits/?slug=x&order=slug&search_operator=xor"}) {
            assertEquals(200, backend.get(ok).statusCode(), ok);
        }
        assertEquals("{\"meta\":{\"total_count\":0},\"items\":[]}", backend.get("/api/v2/exhibits/?search=&slug=x").body()
                .replaceAll("\\s", ""));
    }

    @Test
    void notFoundMessages() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/api/v2/exhibits/999999/", "No ExhibitPage matches the given query.");
        cases.put("/api/v2/exhibits/999999", "No ExhibitPage matches the given query.");
        cases.put("/api/v2/exhibits/12abc/", "No ExhibitPage matches the given query.");
        cases.put("/api/v2/collections/999999/", "No Collection matches the given query.");
        cases.put("/api/v2/pages/999999/", "No Page matches the given query.");
        cases.put("/api/v2/authors/999999/", "No Author matches the given query.");
        cases.put("/api/v2/pages/find/?id=999999", "not found");
        cases.put("/api/v2/collections/find/", "not found");
        cases.put("/api/v2/no-such-endpoint/", "not found");
        cases.forEach((path, message) -> assertMessage(404, path, message));
    }

    @Test
    void writeMethodsAreNotAllowed() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            HttpResponse<String> response = backend.send(request("/api/v2/exhibits/")
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(405, response.statusCode(), method);
            assertEquals("{\"detail\":\"Method \\\"" + method + "\\\" not allowed.\"}", response.body());
        }
    }

    @Test
    void corsForAnyOriginOnTheApiOnly() {
        HttpResponse<String> api = backend.send(request("/api/v2/exhibits/")
                .header("Origin", "https://elsewhere.example").build());
        assertEquals("*", api.headers().firstValue("access-control-allow-origin").orElse(""));
        HttpResponse<String> preflight = backend.send(request("/api/v2/pages/")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "GET").build());
        assertEquals(200, preflight.statusCode());
        assertEquals("*", preflight.headers().firstValue("access-control-allow-origin").orElse(""));
        HttpResponse<String> other = backend.send(request("/observe/health/live")
                .header("Origin", "https://elsewhere.example").build());
        assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty());
    }

    @Test
    void headAnswersLikeGetWithoutBody() {
        HttpResponse<String> head = backend.send(request("/api/v2/exhibits/")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    /** GETs the path and asserts the status and the JSON body {@code {"message": message}}. */
    private static HttpResponse<String> assertMessage(int status, String path, String message) {
        HttpResponse<String> response = backend.get(path);
        assertEquals(status, response.statusCode(), path);
        assertEquals("{\"message\":\"" + message.replace("\"", "\\\"") + "\"}", response.body(), path);
        return response;
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(backend.baseUrl() + path));
    }
}
