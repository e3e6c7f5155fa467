package org.openvault.backend.preview;

import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.openvault.backend.Main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In production (ov.production) the backend refuses to start without a shared preview secret of at least 32 bytes. */
class PreviewSecretTest {

    private static final String SECRET_32 = "0123456789abcdef0123456789abcdef";

    @Test
    void productionRefusesAMissingOrShortSecret() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> PreviewTokens.fromConfig(preview(""), true));
        assertTrue(missing.getMessage().contains("OV_PREVIEW_SECRET) is not set"), missing.getMessage());
        IllegalStateException shortOne = assertThrows(IllegalStateException.class,
                () -> PreviewTokens.fromConfig(preview(SECRET_32.substring(1)), true));
        assertTrue(shortOne.getMessage().contains("shorter than 32 bytes"), shortOne.getMessage());
    }

    @Test
    void productionAcceptsA32ByteSecretSharedByReplicas() {
        PreviewTokens one = PreviewTokens.fromConfig(preview(SECRET_32), true);
        PreviewTokens other = PreviewTokens.fromConfig(preview(SECRET_32), true);
        assertEquals("id=12", other.verify(one.sign("id=12")));
    }

    @Test
    void localRunsWithoutASecretGetARandomOnePerProcess() {
        PreviewTokens one = PreviewTokens.fromConfig(preview(""), false);
        PreviewTokens other = PreviewTokens.fromConfig(preview(""), false);
        String token = one.sign("id=12");
        assertEquals("id=12", one.verify(token));
        assertThrows(PreviewTokens.RefusedException.class, () -> other.verify(token));
        assertNotEquals(token, other.sign("id=12"));
    }

    @Test
    void theBackendStopsBeforeItConnectsAnywhere() {
        Map<String, String> settings = new HashMap<>(Map.of("server.port", "0", "ov.production", "true",
                "ov.db.url", "jdbc:postgresql://127.0.0.1:9/unreachable"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Main.start(
                Config.builder().disableEnvironmentVariablesSource()
                        .sources(ConfigSources.create(settings), ConfigSources.classpath("application.yaml")).build()));
        assertTrue(refused.getMessage().contains("OV_PREVIEW_SECRET"), refused.getMessage());
    }

    private static Config preview(String secret) {
        return Config.just(ConfigSources.create(Map.of("secret", secret)));
    }
}
