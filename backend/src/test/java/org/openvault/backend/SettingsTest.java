package org.openvault.backend;

import java.util.Map;
import java.util.Set;

import io.helidon.config.Config;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Environment variables reach every key of application.yaml, those with dashes too. */
class SettingsTest {

    @Test
    void variablesNamedAfterDottedAndDashedKeysOverrideTheirDefaults() {
        Config settings = Settings.of(Map.of(
                "OV_DB_CONNECT_TIMEOUT_SECONDS", "7",
                "OV_MEDIA_S3_PATH_STYLE", "true",
                "OV_MEDIA_S3_ACCESS_KEY", "AKIAEXAMPLE",
                "OV_MEDIA_BASE_URL", "https://openvault.example.org",
                "OV_DB_POOL_SIZE", "4"));
        assertEquals(7, settings.get("ov.db.connect-timeout-seconds").asInt().orElseThrow());
        assertEquals(true, settings.get("ov.media.s3.path-style").asBoolean().orElseThrow());
        assertEquals("AKIAEXAMPLE", settings.get("ov.media.s3.access-key").asString().orElseThrow());
        assertEquals("https://openvault.example.org", settings.get("ov.media.base-url").asString().orElseThrow());
        assertEquals(4, settings.get("ov.db.pool.size").asInt().orElseThrow());
    }

    @Test
    void unsetVariablesLeaveTheDefaults() {
        Config settings = Settings.of(Map.of());
        assertEquals(3, settings.get("ov.db.connect-timeout-seconds").asInt().orElseThrow());
        assertEquals("local", settings.get("ov.media.storage").asString().orElseThrow());
    }

    @Test
    void flagsAreNameValuePairsOrBareNamesOfTheCommandsOwnFlags() {
        Set<String> known = Set.of("from", "dry-run");
        assertEquals(Map.of("from", "/srv/media", "dry-run", ""),
                Settings.flags(new String[] {"--from=/srv/media", "--dry-run"}, known));
        assertThrows(IllegalArgumentException.class, () -> Settings.flags(new String[] {"media"}, known));
        IllegalArgumentException mistyped = assertThrows(IllegalArgumentException.class,
                () -> Settings.flags(new String[] {"--form=/srv/media"}, known));
        assertEquals("unknown flag --form (known: --dry-run, --from)", mistyped.getMessage());
    }
}
