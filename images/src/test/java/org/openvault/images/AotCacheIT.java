package org.openvault.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service image starts from the AOT cache its build trained inside it (images/aot-cache.sh), which only the
 * image's own runtime with the image's class path accepts; migrate, a short command, has none.
 */
class AotCacheIT {

    @ParameterizedTest
    @ValueSource(strings = {"backend", "frontend", "proxy"})
    void serviceImagesStartFromTheirAotCache(String module) throws Exception {
        // The build trains an image only where it can run one (root).
        ContainerImage.assumeRunnable();
        ContainerImage image = ContainerImage.of(module);
        assertTrue(image.entrypoint().contains("@/app/aot.options"), image.entrypoint()::toString);
        Path root = image.unpack();
        assertTrue(Files.size(root.resolve("app/app.aot")) > 0);
        assertTrue(Files.readAllLines(root.resolve("app/aot.options")).contains("-XX:AOTCache=/app/app.aot"));
        // -XX:AOTMode=on: the JVM refuses to start unless it maps the cache (same runtime build, same class path).
        // Free ports, no database: the backend's pool connects lazily.
        try (ContainerImage.Running service = image.start(root, Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on",
                "SERVER_PORT", "0", "OV_DB_URL", "jdbc:postgresql://127.0.0.1:1/none",
                "PROXY_ENTRYPOINTS_WEBSECURE_PORT", "0", "PROXY_ENTRYPOINTS_WEB_PORT", "0",
                "PROXY_ENTRYPOINTS_INTERNAL_PORT", "0"))) {
            service.awaitOutput("listening on");
        }
    }

    @Test
    void migrateReadsAnArgumentFileWithoutFlags() throws Exception {
        Path root = ContainerImage.of("migrate").unpack();
        assertTrue(ContainerImage.of("migrate").entrypoint().contains("@/app/aot.options"));
        assertEquals(List.of(), Files.readAllLines(root.resolve("app/aot.options")).stream()
                .filter(line -> !line.startsWith("#")).toList());
        assertTrue(Files.notExists(root.resolve("app/app.aot")));
    }
}
