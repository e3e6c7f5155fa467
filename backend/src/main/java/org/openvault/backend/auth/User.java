package org.openvault.backend.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/** An editor's account as the admin API shows it (never with its password hash). Times are ISO-8601 UTC. */
public record User(long id, String username, String email, String displayName, Role role, boolean active,
                   String createdAt, String lastLoginAt) {

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("username", username);
        json.put("email", email);
        json.put("display_name", displayName);
        json.put("role", role.key());
        json.put("active", active);
        json.put("created_at", createdAt);
        json.put("last_login_at", lastLoginAt);
        return json;
    }
}
