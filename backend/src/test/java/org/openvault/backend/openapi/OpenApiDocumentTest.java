package org.openvault.backend.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document is valid YAML whose every {@code $ref} points at a component it defines, so tools that read
 * it (client generators, the docs viewer) can. OpenApiTest holds its paths against the served routes.
 */
class OpenApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void parsesAndEveryReferenceResolves() throws IOException {
        Map<String, Object> document;
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            assertNotNull(in);
            document = new Yaml().load(in);
        }
        assertTrue(String.valueOf(document.get("openapi")).startsWith("3."));
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        List<String> unresolved = new ArrayList<>();
        collectReferences(document, components, unresolved);
        assertEquals(List.of(), unresolved);
    }

    @SuppressWarnings("unchecked")
    private static void collectReferences(Object node, Map<String, Object> components, List<String> unresolved) {
        if (node instanceof Map<?, ?> map) {
            Object ref = map.get("$ref");
            if (ref instanceof String target && target.startsWith("#/components/")) {
                String[] parts = target.substring("#/components/".length()).split("/");
                Object section = components.get(parts[0]);
                if (!(section instanceof Map<?, ?> entries) || !entries.containsKey(parts[1])) {
                    unresolved.add(target);
                }
            }
            map.values().forEach(value -> collectReferences(value, components, unresolved));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectReferences(value, components, unresolved));
        }
    }
}
