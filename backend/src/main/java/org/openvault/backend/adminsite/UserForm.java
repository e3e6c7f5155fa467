package org.openvault.backend.adminsite;

import java.util.List;

import org.openvault.backend.auth.Role;

/** What the account form shows: the account (id 0 while it is new), what was typed, the messages, a notice. */
public record UserForm(long id, String username, String email, String displayName, String role, boolean active,
                       FormProblems problems, String notice) {

    public boolean isNew() {
        return id == 0;
    }

    public List<String> roles() {
        return java.util.Arrays.stream(Role.values()).map(Role::key).toList();
    }

    /** {@code selected}/{@code checked}: true, or false (jte then omits it). */
    public boolean chosen(String key) {
        return key.equals(role);
    }
}
