package org.openvault.proxy.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleParserTest {

    private record Facts(String host, String path, String method, Map<String, List<String>> headers) implements RequestFacts {
        @Override
        public List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    private static final Facts REQUEST = new Facts("openvault.example.org", "/api/v2/pages/", "GET",
            Map.of("x-editor", List.of("yes")));

    private static boolean matches(String rule) {
        return RuleParser.parse(rule).matches(REQUEST);
    }

    @Test
    void everyMatcher() {
        assertTrue(matches("Host(`openvault.example.org`)"));
        assertTrue(matches("Host(`OpenVault.example.org`)"));
        assertFalse(matches("Host(`example.org`)"));
        assertTrue(matches("Host(`a.example`, `openvault.example.org`)"));
        assertTrue(matches("HostRegexp(`^[a-z]+\\.example\\.org$`)"));
        assertFalse(matches("HostRegexp(`^www\\.`)"));
        assertTrue(matches("PathPrefix(`/api/`)"));
        assertFalse(matches("PathPrefix(`/media/`)"));
        assertTrue(matches("Path(`/api/v2/pages/`)"));
        assertFalse(matches("Path(`/api/v2/pages`)"));
        assertTrue(matches("PathRegexp(`^/api/v[0-9]+/`)"));
        assertTrue(matches("Method(`GET`)"));
        assertTrue(matches("Method(`post`, `get`)"));
        assertFalse(matches("Method(`POST`)"));
        assertTrue(matches("Header(`X-Editor`, `yes`)"));
        assertFalse(matches("Header(`X-Editor`, `no`)"));
        assertTrue(matches("Host(\"openvault.example.org\")"));
    }

    @Test
    void operatorsAndPrecedence() {
        assertTrue(matches("Host(`openvault.example.org`) && PathPrefix(`/api/`)"));
        assertFalse(matches("Host(`openvault.example.org`) && PathPrefix(`/media/`)"));
        assertTrue(matches("PathPrefix(`/media/`) || PathPrefix(`/api/`)"));
        assertTrue(matches("!PathPrefix(`/media/`)"));
        assertFalse(matches("!!PathPrefix(`/media/`)"));
        // && binds tighter than ||: true || (false && false)
        assertTrue(matches("Method(`GET`) || Method(`POST`) && Path(`/nope`)"));
        // parentheses change it: (true || false) && false
        assertFalse(matches("(Method(`GET`) || Method(`POST`)) && Path(`/nope`)"));
        assertTrue(matches(" ( Host(`x`) || Host(`openvault.example.org`) ) && !Method(`DELETE`) "));
    }

    @Test
    void mistakesAreNamedWithTheirColumn() {
        assertEquals("rule column 1: unknown matcher 'Hots' (expected Host, HostRegexp, Path, PathPrefix, PathRegexp, Method or Header)",
                assertThrows(IllegalArgumentException.class, () -> RuleParser.parse("Hots(`a`)")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuleParser.parse("Host(`a`"))
                .getMessage().startsWith("rule column 9: expected ')'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuleParser.parse("Host(a)"))
                .getMessage().contains("backticks"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuleParser.parse("Host(`a`) &&"))
                .getMessage().contains("rule ended"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuleParser.parse("Host(`a`) Path(`/`)"))
                .getMessage().contains("unexpected 'P'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuleParser.parse("HostRegexp(`[`)"))
                .getMessage().contains("bad regular expression"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuleParser.parse("Header(`X`)"))
                .getMessage().contains("Header takes a name and a value"));
    }
}
