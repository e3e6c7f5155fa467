package org.openvault.backend.redirects;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/v2/redirects/}: the legacy URL table as data. */
class RedirectsApiTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    @Test
    void theLegacyTablesAreLoaded() {
        JsonNode all = backend.getJson("/api/v2/redirects/");
        assertTrue(all.at("/meta/total_count").asInt() >= 47, all.toString());
        JsonNode julia = backend.getJson("/api/v2/redirects/?path=/exhibits/julia_child");
        assertEquals("/exhibits/julia_child", julia.path("from").asText());
        assertEquals("/exhibits/the-julia-child-project-the-cold-war-france-and-the-politics-of-food", julia.path("to").asText());
        assertFalse(julia.path("permanent").asBoolean());
        assertEquals("/collections/masterpiece", backend.getJson("/api/v2/redirects/?path=/collections/alistair-cooke/").path("to").asText());
    }

    @Test
    void deeperPathsUseTheirNearestEntryOnWholeSegments() {
        assertEquals("https://americanarchive.org/special_collections/zoom",
                backend.getJson("/api/v2/redirects/?path=/exhibits/zoom/part-1").path("to").asText());
        assertEquals(404, backend.get("/api/v2/redirects/?path=/exhibits/zoomed").statusCode());
        // LIKE wildcards in stored paths match only themselves.
        assertEquals(404, backend.get("/api/v2/redirects/?path=/collections/folkXheritage").statusCode());
    }

    @Test
    void unknownAndBadPaths() {
        assertEquals(404, backend.get("/api/v2/redirects/?path=/no/such/thing").statusCode());
        var bad = backend.get("/api/v2/redirects/?path=nope");
        assertEquals(400, bad.statusCode());
        assertTrue(RunningBackend.json(bad).path("message").asText().contains("path"));
    }
}
