package org.openvault.backend.openapi;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.openvault.backend.RunningBackend;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiTest {

    @Test
    void servesTheDocumentOfEveryPublicEndpoint() {
        try (RunningBackend backend = RunningBackend.start(TestDatabase.get())) {
            HttpResponse<String> response = backend.get("/openapi");
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/yaml"));
            assertTrue(response.body().startsWith("openapi: 3"));
            for (String path : new String[] {"/api/v2/pages/:", "/api/v2/pages/{id}/:", "/api/v2/exhibits/:",
                    "/api/v2/exhibits/{id}/:", "/api/v2/collections/:", "/api/v2/collections/{id}/:",
                    "/api/v2/authors/:", "/api/v2/authors/{id}/:", "/api/v2/page_preview/{id}/:", "/api/v2/health/:",
                    "/api/v2/images/:", "/api/v2/images/{id}/:", "/media/{path}:",
                    "/api/v2/masterpiece/:", "/api/v2/masterpiece/{key}/:"}) {
                assertTrue(response.body().contains("\n  " + path), path);
            }
        }
    }
}
