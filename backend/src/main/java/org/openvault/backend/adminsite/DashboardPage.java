package org.openvault.backend.adminsite;

import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /admin/}: who is signed in, their drafts, what is scheduled, what was published, recent page activity. */
public final class DashboardPage {

    private final SiteSessions sessions;
    private final AdminSiteRepository repository;
    private final SiteTemplates templates;

    public DashboardPage(SiteSessions sessions, AdminSiteRepository repository, SiteTemplates templates) {
        this.sessions = sessions;
        this.repository = repository;
        this.templates = templates;
    }

    public void show(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        templates.render(res, Status.OK_200, "dashboard.jte", Map.of(
                "chrome", new Chrome("Dashboard", user, "dashboard"),
                "drafts", repository.draftsOf(user.userId()),
                "scheduled", repository.scheduled(),
                "published", repository.recentlyPublished(),
                "activity", repository.activity(user)));
    }
}
