package org.openvault.backend.adminsite;

import io.helidon.webserver.http.HttpRules;

/** The web admin's screens about people rather than pages: one's password, the audit log, users and authors. */
public record PeopleRoutes(PasswordPage password, AuditPage audit, UsersPages users, AuthorsPages authors) {

    void register(HttpRules rules) {
        rules.get("/account/password", password::form)
                .post("/account/password", password::submit)
                .get("/audit", audit::show)
                .get("/users", users::list)
                .get("/users/new", users::newForm)
                .post("/users/new", users::create)
                .get("/users/{id}", users::editForm)
                .post("/users/{id}", users::update)
                .get("/authors", authors::list)
                .get("/authors/new", authors::newForm)
                .post("/authors/new", authors::create)
                .get("/authors/{id}", authors::editForm)
                .post("/authors/{id}", authors::update);
    }
}
