package org.openvault.backend.auth;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.helidon.config.Config;

/**
 * The {@code ov.auth} settings: session and token lifetimes, the failed-login limits and the origins besides the
 * request's own whose pages may send the web admin's unsafe requests.
 */
public record AuthSettings(Duration sessionLifetime, int tokenMaxDays, Duration failureWindow,
                           int maxFailuresPerAccount, int maxFailuresPerAddress, List<String> allowedOrigins) {

    public static AuthSettings fromConfig(Config auth) {
        return new AuthSettings(
                Duration.ofHours(auth.get("session-hours").asInt().orElse(12)),
                auth.get("token-max-days").asInt().orElse(365),
                Duration.ofMinutes(auth.get("login-window-minutes").asInt().orElse(15)),
                auth.get("max-failures-per-account").asInt().orElse(5),
                auth.get("max-failures-per-address").asInt().orElse(20),
                Arrays.stream(auth.get("allowed-origins").asString().orElse("").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}
