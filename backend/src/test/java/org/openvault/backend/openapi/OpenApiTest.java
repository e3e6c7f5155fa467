package org.openvault.backend.openapi;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.ContentFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document served at {@code /openapi} is what an OpenAPI client reads: swagger-parser (the parser behind
 * the common client generators) reads it without a message, its paths are exactly the served routes, and answers the
 * API serves match the schemas it gives for them (validated with the OpenAPI 3.0 schema dialect).
 */
class OpenApiTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    private static SwaggerParseResult parsed;
    private static OpenAPI document;

    @BeforeAll
    static void readServedDocument() {
        HttpResponse<String> response = backend.get("/openapi");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/yaml"));
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        parsed = new OpenAPIV3Parser().readContents(response.body(), null, options);
        document = parsed.getOpenAPI();
    }

    @Test
    void theParserReadsTheDocumentWithoutAMessage() {
        assertEquals(List.of(), parsed.getMessages());
        assertNotNull(document);
        assertTrue(document.getOpenapi().startsWith("3.0"), document.getOpenapi());
        assertFalse(document.getPaths().isEmpty());
    }

    @Test
    void documentsExactlyTheServedRoutes() {
        Set<String> documented = new TreeSet<>(document.getPaths().keySet());
        Set<String> served = new TreeSet<>();
        for (String route : backend.routes()) {
            served.add(documentedForm(route));
        }
        assertTrue(served.contains("/api/v2/search/") && served.contains("/api/v2/series/"), served.toString());
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        assertEquals(Set.of(), undocumented, "served but not in openapi.yaml");
        Set<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(served);
        assertEquals(Set.of(), notServed, "in openapi.yaml but not served");
    }

    @Test
    void servedAnswersMatchTheirSchemas() {
        int exhibit = ContentFixture.id(backend.db(), "ex-featured-new");
        int collection = ContentFixture.id(backend.db(), "col-a");
        List<String> mismatches = new ArrayList<>();
        check("/api/v2/health/", "/api/v2/health/", "200", mismatches);
        check("/api/v2/pages/", "/api/v2/pages/?limit=999999", "200", mismatches);
        check("/api/v2/pages/", "/api/v2/pages/?limit=-1", "400", mismatches);
        check("/api/v2/pages/{id}/", "/api/v2/pages/" + exhibit + "/", "200", mismatches);
        check("/api/v2/exhibits/", "/api/v2/exhibits/?limit=999999&fields=*", "200", mismatches);
        check("/api/v2/exhibits/{id}/", "/api/v2/exhibits/" + exhibit + "/", "200", mismatches);
        check("/api/v2/exhibits/{id}/", "/api/v2/exhibits/999999/", "404", mismatches);
        check("/api/v2/collections/", "/api/v2/collections/?fields=*", "200", mismatches);
        check("/api/v2/collections/{id}/", "/api/v2/collections/" + collection + "/", "200", mismatches);
        check("/api/v2/authors/", "/api/v2/authors/?fields=*", "200", mismatches);
        check("/api/v2/images/", "/api/v2/images/", "200", mismatches);
        check("/api/v2/search/", "/api/v2/search/?q=radio", "200", mismatches);
        check("/api/v2/series/", "/api/v2/series/", "200", mismatches);
        check("/api/v2/masterpiece/", "/api/v2/masterpiece/", "200", mismatches);
        check("/api/v2/redirects/", "/api/v2/redirects/", "200", mismatches);
        check("/api/v2/static_pages/", "/api/v2/static_pages/", "200", mismatches);
        check("/api/v2/static_pages/", "/api/v2/static_pages/?path=about", "400", mismatches);
        assertEquals(List.of(), mismatches);
    }

    /** Validates the answer to {@code target} against the schema the document gives {@code path} for {@code status}. */
    private static void check(String path, String target, String status, List<String> mismatches) {
        HttpResponse<String> answer = backend.get(target);
        assertEquals(Integer.parseInt(status), answer.statusCode(), target + ": " + answer.body());
        ApiResponse documented = document.getPaths().get(path).getGet().getResponses().get(status);
        assertNotNull(documented, path + " documents no " + status);
        Schema<?> schema = documented.getContent().get("application/json").getSchema();
        List<Error> errors = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30())
                .getSchema(Json.pretty(schema), InputFormat.JSON)
                .validate(answer.body(), InputFormat.JSON);
        for (Error error : errors) {
            mismatches.add(target + " (" + status + "): " + error);
        }
    }

    /** Helidon's pattern as the document writes it: {+path} is {path}; API paths end with a slash, others do not. */
    static String documentedForm(String route) {
        String path = route.replace("{+", "{");
        if (path.startsWith("/api/")) {
            return path.endsWith("/") ? path : path + "/";
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
