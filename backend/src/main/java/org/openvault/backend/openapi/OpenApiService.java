package org.openvault.backend.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /openapi}: the OpenAPI 3 document of the public API ({@code META-INF/openapi.yaml}), as YAML. */
public final class OpenApiService implements HttpService {

    private final byte[] document;

    public OpenApiService() {
        try (InputStream in = OpenApiService.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("META-INF/openapi.yaml is missing from the classpath");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::document);
    }

    private void document(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/yaml; charset=UTF-8").send(document);
    }
}
