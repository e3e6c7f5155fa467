package org.openvault.frontend.redirects;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.BackendApi;

/**
 * Old Open Vault URLs, kept in the backend as data editors can extend ({@code GET /api/v2/redirects/?path=}).
 * Consulted only when a path has no page, so a live page always wins over an old redirect.
 */
public final class LegacyRedirects {

    /** Where an old path now lives, if the backend knows it (and it is not the path itself). */
    public Optional<Target> find(BackendApi.Reads reads, String path) {
        BackendApi.Answer answer = reads.get("/api/v2/redirects/", "path", path);
        if (!answer.ok()) {
            return Optional.empty();
        }
        String to = answer.body().path("to").asText("");
        if (to.isBlank() || to.equals(path)) {
            return Optional.empty();
        }
        return Optional.of(new Target(to, answer.body().path("permanent").asBoolean(false)));
    }

    /** Sends the redirect (302, or 301 when the editors marked it permanent). */
    public static void send(ServerResponse res, Target target) {
        res.status(target.permanent() ? Status.MOVED_PERMANENTLY_301 : Status.FOUND_302)
                .header(HeaderNames.LOCATION, target.location())
                .header(HeaderNames.CACHE_CONTROL, "public, max-age=300")
                .send();
    }

    /** A redirect target: a site path or an absolute URL. */
    public record Target(String location, boolean permanent) {
    }
}
