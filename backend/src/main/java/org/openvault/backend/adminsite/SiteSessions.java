package org.openvault.backend.adminsite;

import io.helidon.webserver.http.ServerRequest;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.auth.Authenticator;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.auth.Permission;

/** Who may see a web admin page: a signed-in editor (else {@link SiteErrors} sends them to the login form). */
public final class SiteSessions {

    private final Authenticator authenticator;
    private final AdminSiteRepository repository;

    public SiteSessions(Authenticator authenticator, AdminSiteRepository repository) {
        this.authenticator = authenticator;
        this.repository = repository;
    }

    public SignedIn signedIn(ServerRequest req) {
        return signedIn(authenticator.authenticate(req));
    }

    /**
     * The editor of a {@code multipart/form-data} post (an upload), whose CSRF token is in the body: call
     * {@link #checkToken} with it before acting.
     */
    public SignedIn signedInWithTokenInBody(ServerRequest req) {
        return signedIn(authenticator.authenticateWithTokenInBody(req));
    }

    public void checkToken(SignedIn user, String sentToken) {
        Authenticator.checkTokenFromBody(sentToken, user.csrf());
    }

    private SignedIn signedIn(Caller caller) {
        if (!caller.may(Permission.READ_CONTENT)) {
            throw AdminProblem.forbidden("your role (" + caller.role().key() + ") may not use the admin");
        }
        return repository.signedIn(caller);
    }
}
