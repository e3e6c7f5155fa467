package org.openvault.backend.adminsite;

import java.util.Map;

import org.openvault.backend.admin.AdminProblem;

/** Who saved the page after the editor loaded the form, and when: from a {@code stale_revision} refusal. */
public record StaleNotice(String who, String at, String atIso) {

    static StaleNotice of(AdminProblem problem) {
        Object latest = problem.members().get("latest_revision");
        if (!(latest instanceof Map<?, ?> revision)) {
            return new StaleNotice("Someone", null, null);
        }
        String who = revision.get("user") instanceof Map<?, ?> user && user.get("username") != null
                ? user.get("username").toString() : "Someone";
        String iso = revision.get("created_at") == null ? null : revision.get("created_at").toString();
        return new StaleNotice(who, Labels.time(iso), iso);
    }
}
