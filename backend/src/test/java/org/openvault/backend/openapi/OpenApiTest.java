package org.openvault.backend.openapi;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openvault.backend.RunningBackend;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiTest {

    /** A key of the document's {@code paths} map: two spaces of indent, a path, a colon. */
    private static final Pattern PATH_KEY = Pattern.compile("(?m)^  (/\\S*):\\s*$");

    @Test
    void documentsExactlyTheServedRoutes() {
        try (RunningBackend backend = RunningBackend.start(TestDatabase.get())) {
            HttpResponse<String> response = backend.get("/openapi");
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/yaml"));
            assertTrue(response.body().startsWith("openapi: 3"));

            String paths = response.body().substring(response.body().indexOf("\npaths:"),
                    response.body().indexOf("\ncomponents:"));
            Set<String> documented = new TreeSet<>();
            Matcher m = PATH_KEY.matcher(paths);
            while (m.find()) {
                documented.add(m.group(1));
            }
            Set<String> served = new TreeSet<>();
            for (String route : backend.routes()) {
                served.add(documentedForm(route));
            }
            assertFalse(served.isEmpty());
            assertTrue(served.contains("/api/v2/search/") && served.contains("/api/v2/series/"), served.toString());
            Set<String> undocumented = new TreeSet<>(served);
            undocumented.removeAll(documented);
            assertEquals(Set.of(), undocumented, "served but not in openapi.yaml");
            Set<String> notServed = new TreeSet<>(documented);
            notServed.removeAll(served);
            assertEquals(Set.of(), notServed, "in openapi.yaml but not served");
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
