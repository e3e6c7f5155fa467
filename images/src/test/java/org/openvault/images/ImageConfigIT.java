package org.openvault.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration every image carries: who runs it, what it runs, which ports, where it came from. */
class ImageConfigIT {

    @ParameterizedTest
    @ValueSource(strings = {"backend", "frontend", "proxy", "migrate"})
    void runsAsTheNumericNonRootUser(String module) {
        // Numeric, so that Kubernetes can verify runAsNonRoot without reading /etc/passwd.
        assertEquals("65532:65532", ContainerImage.of(module).config().get("User").asText());
    }

    @ParameterizedTest
    @CsvSource({
            "backend, org.openvault.backend.Main",
            "frontend, org.openvault.frontend.Main",
            "proxy, org.openvault.proxy.Main",
            "migrate, org.openvault.db.Migrate"})
    void entrypointStartsTheMainClassAndExitsOnOutOfMemory(String module, String mainClass) {
        List<String> entrypoint = ContainerImage.of(module).entrypoint();
        assertEquals("java", entrypoint.getFirst());
        assertEquals(mainClass, entrypoint.getLast());
        assertTrue(entrypoint.contains("-XX:+ExitOnOutOfMemoryError"), entrypoint::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"backend", "frontend", "proxy"})
    void servicesRunWithTheJvmFlagsFileOfOvUpAndTwoMallocArenas(String module) throws IOException {
        ContainerImage image = ContainerImage.of(module);
        assertTrue(image.entrypoint().contains("@/app/jvm.options"), image.entrypoint()::toString);
        assertEquals(Files.readString(Path.of("..", module, "jvm.options")),
                Files.readString(image.unpack().resolve("app/jvm.options")));
        assertEquals("2", image.environment().get("MALLOC_ARENA_MAX"));
    }

    @Test
    void migrateSizesItsHeapFromTheJobsMemoryLimit() {
        assertTrue(ContainerImage.of("migrate").entrypoint().contains("-XX:MaxRAMPercentage=75"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "backend | 8000/tcp",
            "frontend | 3000/tcp",
            "proxy | 8080/tcp 8443/tcp",
            "migrate | ''"})
    void exposesExactlyTheServicePorts(String module, String ports) {
        Set<String> exposed = new TreeSet<>();
        ContainerImage.of(module).config().path("ExposedPorts").fieldNames().forEachRemaining(exposed::add);
        assertEquals(ports.isEmpty() ? Set.of() : new TreeSet<>(List.of(ports.split(" "))), exposed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"backend", "frontend", "proxy", "migrate"})
    void carriesOciLabelsForSourceVersionAndRevision(String module) {
        JsonNode labels = ContainerImage.of(module).config().get("Labels");
        assertEquals(System.getProperty("image.source"), labels.path("org.opencontainers.image.source").asText());
        assertEquals(System.getProperty("project.version"), labels.path("org.opencontainers.image.version").asText());
        assertEquals(System.getProperty("image.revision"), labels.path("org.opencontainers.image.revision").asText());
        assertFalse(labels.path("org.opencontainers.image.title").asText().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"backend", "frontend", "proxy", "migrate"})
    void isTaggedWithTheConfiguredNameAndTag(String module) {
        String expected = System.getProperty("image.registry") + "openvault-" + module + ":" + System.getProperty("image.tag");
        assertEquals(expected, ContainerImage.of(module).manifest().get("RepoTags").get(0).asText());
    }
}
