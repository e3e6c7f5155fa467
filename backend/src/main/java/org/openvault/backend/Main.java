package org.openvault.backend;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.http.DirectHandler;
import io.helidon.logging.common.LogConfig;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

import org.openvault.backend.admin.AdminAccess;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.adminsite.AddPage;
import org.openvault.backend.adminsite.AdminSiteRepository;
import org.openvault.backend.adminsite.AdminSiteService;
import org.openvault.backend.adminsite.AuditPage;
import org.openvault.backend.adminsite.AuthorsPages;
import org.openvault.backend.adminsite.DashboardPage;
import org.openvault.backend.adminsite.EditPage;
import org.openvault.backend.adminsite.ExplorerPage;
import org.openvault.backend.adminsite.HistoryPage;
import org.openvault.backend.adminsite.ImagesPages;
import org.openvault.backend.adminsite.LoginPages;
import org.openvault.backend.adminsite.ModerationActions;
import org.openvault.backend.adminsite.PasswordPage;
import org.openvault.backend.adminsite.PeopleRoutes;
import org.openvault.backend.adminsite.PickerRepository;
import org.openvault.backend.adminsite.SiteErrors;
import org.openvault.backend.adminsite.SiteSessions;
import org.openvault.backend.adminsite.SiteTemplates;
import org.openvault.backend.adminsite.UsersPages;
import org.openvault.backend.api.ApiAccess;
import org.openvault.backend.api.ApiErrors;
import org.openvault.backend.api.ApiException;
import org.openvault.backend.api.ApiUrls;
import org.openvault.backend.api.ImageJson;
import org.openvault.backend.audit.AuditEntries;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.audit.AuditService;
import org.openvault.backend.auth.Authenticator;
import org.openvault.backend.auth.AuthSettings;
import org.openvault.backend.auth.LoginService;
import org.openvault.backend.auth.LoginThrottle;
import org.openvault.backend.auth.MeService;
import org.openvault.backend.auth.OwnPasswordChange;
import org.openvault.backend.auth.PasswordChange;
import org.openvault.backend.auth.PasswordHasher;
import org.openvault.backend.auth.SessionRepository;
import org.openvault.backend.auth.SessionService;
import org.openvault.backend.auth.TokensService;
import org.openvault.backend.auth.UserAccounts;
import org.openvault.backend.auth.UserRepository;
import org.openvault.backend.auth.UsersService;
import org.openvault.backend.authors.AuthorEdits;
import org.openvault.backend.authors.AuthorWrites;
import org.openvault.backend.authors.AuthorRepository;
import org.openvault.backend.authors.AuthorsAdminService;
import org.openvault.backend.authors.AuthorsService;
import org.openvault.backend.collections.CollectionFields;
import org.openvault.backend.collections.CollectionPages;
import org.openvault.backend.database.Database;
import org.openvault.backend.database.Sql;
import org.openvault.backend.editing.PageEditRepository;
import org.openvault.backend.editing.PageEditing;
import org.openvault.backend.editing.PageExplorer;
import org.openvault.backend.editing.PageTypes;
import org.openvault.backend.editing.PagesAdminService;
import org.openvault.backend.editing.ScheduledPublishing;
import org.openvault.backend.exhibits.ExhibitFields;
import org.openvault.backend.exhibits.ExhibitPages;
import org.openvault.backend.health.ApiHealthService;
import org.openvault.backend.health.DatabaseReadiness;
import org.openvault.backend.health.Draining;
import org.openvault.backend.health.MediaStorageReadiness;
import org.openvault.backend.images.ImageEditing;
import org.openvault.backend.images.ImageLibraryJson;
import org.openvault.backend.images.ImageRepository;
import org.openvault.backend.images.ImagesAdminService;
import org.openvault.backend.images.ImagesService;
import org.openvault.backend.images.ImageStorage;
import org.openvault.backend.images.ImageStorages;
import org.openvault.backend.images.MediaService;
import org.openvault.backend.images.Renditions;
import org.openvault.backend.masterpiece.MasterpieceAdminService;
import org.openvault.backend.masterpiece.MasterpieceEdits;
import org.openvault.backend.masterpiece.MasterpieceRepository;
import org.openvault.backend.masterpiece.MasterpieceService;
import org.openvault.backend.openapi.OpenApiService;
import org.openvault.backend.openapi.ServedRoutes;
import org.openvault.backend.pages.FolderFields;
import org.openvault.backend.pages.HomeFields;
import org.openvault.backend.pages.HomePages;
import org.openvault.backend.pages.PageRepository;
import org.openvault.backend.pages.PageTypeService;
import org.openvault.backend.pages.PagesService;
import org.openvault.backend.preview.PagePreviewService;
import org.openvault.backend.preview.PagePreviews;
import org.openvault.backend.preview.PreviewAdminService;
import org.openvault.backend.preview.PreviewRepository;
import org.openvault.backend.preview.PreviewTokens;
import org.openvault.backend.redirects.RedirectRepository;
import org.openvault.backend.redirects.RedirectsService;
import org.openvault.backend.responsecache.ContentVersion;
import org.openvault.backend.responsecache.ContentVersionWatch;
import org.openvault.backend.responsecache.ResponseCache;
import org.openvault.backend.search.PageSearchRepository;
import org.openvault.backend.search.SearchService;
import org.openvault.backend.series.SeriesRepository;
import org.openvault.backend.series.SeriesService;
import org.openvault.backend.staticpages.StaticPageFields;
import org.openvault.backend.staticpages.StaticPageRepository;
import org.openvault.backend.staticpages.StaticPagesService;
import org.openvault.db.DatabaseSettings;
import org.openvault.db.Migrate;

/** The backend CMS: config, database, services, routing, server. Reading this class tells the whole wiring. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        long started = System.nanoTime();
        Config config = Settings.of(System.getenv());
        // Helidon's own parts (metrics) read the global configuration: this one, not a second one built from defaults.
        Services.set(Config.class, config);
        Backend backend = start(config);
        // On SIGTERM: readiness down, keep serving for the drain time, then close the listener and let in-flight
        // requests finish (server.shutdown-grace-period) before the pool closes.
        Duration drain = config.get("ov.shutdown.drain").as(Duration.class).orElse(Duration.ZERO);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> backend.drainAndClose(drain), "backend-shutdown"));
        System.out.printf("Backend listening on http://localhost:%d (started in %d ms)%n",
                backend.port(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts the backend with the given configuration; {@code server.port: 0} picks a free port. */
    public static Backend start(Config config) {
        // One token signer for the admin that issues preview tokens and the public API that checks them; made first,
        // so that a production backend without its shared secret stops before it touches anything.
        PreviewTokens previewTokens = PreviewTokens.fromConfig(config.get("ov.preview"),
                config.get("ov.production").asBoolean().orElse(false));
        Config dbConfig = config.get("ov.db");
        Database database = Database.connect(dbConfig);
        if (dbConfig.get("migrate").asBoolean().orElse(false)) {
            // Connections of the migration's own, so its session settings never reach the pool.
            Migrate.migrate(new DatabaseSettings(dbConfig.get("url").asString().get(),
                    dbConfig.get("user").asString().orElse("postgres"), dbConfig.get("password").asString().orElse("")));
        }
        Sql sql = database.sql();
        PageRepository pages = new PageRepository(sql);
        Config media = config.get("ov.media");
        ImageStorage imageStorage = ImageStorages.fromConfig(media);
        ImageRepository imageRepository = new ImageRepository(sql);
        Renditions renditions = new Renditions(imageRepository, imageStorage,
                Duration.ofSeconds(media.get("render-wait-seconds").asInt().orElse(10)));
        ContentVersion contentVersion = new ContentVersion(sql);
        // This backend's own writes show in its next answer; others' as soon as the database announces them.
        sql.afterEachCommit(contentVersion::read);
        ContentVersionWatch contentWatch = dbConfig.get("listen-for-changes").asBoolean().orElse(true)
                ? ContentVersionWatch.start(contentVersion, database::dedicatedConnection,
                        Duration.ofMillis(dbConfig.get("recheck-millis").asInt().orElse(1000)))
                : null;
        ImageJson images = new ImageLibraryJson(imageRepository, renditions, imageStorage,
                media.get("base-url").asString().orElse(""),
                Duration.ofSeconds(media.get("json-cache-seconds").asInt().orElse(60)), contentVersion);
        ApiUrls urls = new ApiUrls(config, images);
        ResponseCache responses = new ResponseCache(contentVersion,
                config.get("ov.api.cache.max-bytes").asLong().orElse(8L << 20),
                config.get("ov.api.cache.search-max-bytes").asLong().orElse(4L << 20));

        AuthSettings authSettings = AuthSettings.fromConfig(config.get("ov.auth"));
        PasswordHasher passwords = PasswordHasher.fromConfig(config.get("ov.auth"));
        UserRepository users = new UserRepository();
        SessionRepository sessions = new SessionRepository();
        Authenticator authenticator = new Authenticator(sql, sessions, authSettings);
        AuditLog audit = new AuditLog();
        LoginThrottle loginThrottle = new LoginThrottle(authSettings);
        PasswordChange passwordChange = new PasswordChange(sql, users, sessions, audit);
        // One implementation of each account, audit and author rule for the JSON API and the web admin.
        OwnPasswordChange ownPasswordChange = new OwnPasswordChange(sql, users, passwords, loginThrottle,
                passwordChange);
        UserAccounts userAccounts = new UserAccounts(sql, users, sessions, passwords, audit);
        AuditEntries auditEntries = new AuditEntries(sql);
        AuthorEdits authorEdits = new AuthorEdits();
        AuthorWrites authorWrites = new AuthorWrites(sql, authorEdits, audit);
        // One login for the JSON API and the web admin: one throttle, one bounded hashing, one audit trail.
        LoginService logins = new LoginService(sql, users, sessions, passwords, loginThrottle, audit, authSettings);
        PageEditRepository pageEdits = new PageEditRepository();
        // The public site finds exhibits and collections by slug alone (/exhibits/<slug> asks ?slug= for items[0]).
        Set<String> foundByBareSlug = Set.of(ExhibitPages.TYPE, CollectionPages.TYPE);
        PageTypes pageTypes = new PageTypes(
                List.of(new ExhibitFields(), new CollectionFields(), new StaticPageFields(), new HomeFields(),
                        new FolderFields()),
                foundByBareSlug);
        PageEditing pageEditing = new PageEditing(sql, pageEdits, pageTypes, audit);
        PageExplorer pageExplorer = new PageExplorer();
        PreviewRepository previews = new PreviewRepository(sql);
        PagePreviews pagePreviews = new PagePreviews(sql, previews, previewTokens, pageTypes, pageEdits, pageEditing);
        long maxUploadBytes = media.get("max-upload-bytes").asLong().orElse(10L << 20);
        ImageEditing imageEditing = new ImageEditing(sql, imageStorage, audit,
                media.get("max-upload-pixels").asLong().orElse(50_000_000L));

        Draining draining = new Draining();
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(draining::filter)
                .addFilter(ApiAccess::filter)
                .addFilter(AdminAccess::filter);
        // Every API service goes through ServedRoutes, which notes its paths: OpenApiTest holds them against the document.
        ServedRoutes served = new ServedRoutes(routing)
                .register("/openapi", new OpenApiService())
                .register("/api/v2/health", new ApiHealthService())
                .register("/api/v2/pages", new PagesService(pages, urls, responses,
                        List.of(HomePages.KIND, ExhibitPages.KIND, CollectionPages.KIND), foundByBareSlug))
                .register("/api/v2/exhibits", new PageTypeService(ExhibitPages.KIND, pages, urls, responses))
                .register("/api/v2/collections", new PageTypeService(CollectionPages.KIND, pages, urls, responses))
                .register("/api/v2/authors", new AuthorsService(new AuthorRepository(sql), urls))
                .register("/api/v2/page_preview", new PagePreviewService(previews, previewTokens, urls))
                .register("/api/v2/redirects", new RedirectsService(new RedirectRepository(sql)))
                .register("/api/v2/static_pages", new StaticPagesService(new StaticPageRepository(sql)))
                .register("/api/v2/search", new SearchService(new PageSearchRepository(sql, contentVersion), images, responses))
                .register("/api/v2/series", new SeriesService(new SeriesRepository(sql),
                        config.get("ov.aapb.host").asString().orElse("https://americanarchive.org"), responses))
                .register("/api/v2/masterpiece", new MasterpieceService(new MasterpieceRepository(sql), urls))
                .register("/api/v2/images", new ImagesService(imageRepository, imageStorage, urls))
                .register("/media", new MediaService(imageStorage, renditions))
                .register("/api/admin/v1/session", new SessionService(sql, users, logins, authenticator))
                .register("/api/admin/v1/me", new MeService(sql, users, authenticator, ownPasswordChange))
                .register("/api/admin/v1/users", new UsersService(sql, users, passwords, authenticator,
                        passwordChange, userAccounts))
                .register("/api/admin/v1/tokens", new TokensService(sql, users, sessions, authenticator, audit,
                        authSettings))
                .register("/api/admin/v1/audit", new AuditService(auditEntries, authenticator))
                .register("/api/admin/v1/pages", new PagesAdminService(sql, pageEditing, pageEdits,
                        pageExplorer, authenticator))
                .register("/api/admin/v1/authors", new AuthorsAdminService(sql, authorEdits, authorWrites,
                        authenticator))
                .register("/api/admin/v1/masterpiece", new MasterpieceAdminService(sql, new MasterpieceEdits(),
                        authenticator, audit))
                .register("/api/admin/v1/previews", new PreviewAdminService(pagePreviews, urls,
                        authenticator))
                .register("/api/admin/v1/images", new ImagesAdminService(imageEditing, authenticator,
                        maxUploadBytes));
        // Keep last: any other /api/v2/ path is a JSON 404. Services answer GET and HEAD (ApiAccess refuses the rest).
        routing.any("/api/v2/*", (req, res) -> {
            throw ApiException.notFound("not found");
        });
        routing.any("/api/admin/*", (req, res) -> {
            throw AdminProblem.notFound("no such admin resource: " + req.path().rawPath());
        });
        // The web admin's HTML pages are not API: registered outside ServedRoutes, so the OpenAPI document leaves them out.
        SiteTemplates siteTemplates = new SiteTemplates();
        AdminSiteRepository siteRepository = new AdminSiteRepository(sql);
        SiteSessions siteSessions = new SiteSessions(authenticator, siteRepository);
        PickerRepository pickers = new PickerRepository(sql, images);
        EditPage editPage = new EditPage(pageEditing, siteSessions, siteRepository, siteTemplates,
                pickers, pagePreviews, config.get("ov.site.url").asString().orElse("http://localhost"));
        routing.register("/admin", new AdminSiteService(new LoginPages(logins, authenticator, siteTemplates),
                new DashboardPage(siteSessions, siteRepository, siteTemplates),
                new ExplorerPage(sql, pageExplorer, siteSessions, siteRepository, siteTemplates), editPage,
                new AddPage(pageEditing, siteSessions, siteRepository, siteTemplates),
                new HistoryPage(sql, pageEditing, pageEdits, siteSessions, siteTemplates),
                new ModerationActions(pageEditing, siteSessions, siteRepository, editPage, siteTemplates),
                new PeopleRoutes(new PasswordPage(ownPasswordChange, siteSessions, siteTemplates),
                        new AuditPage(auditEntries, siteSessions, siteTemplates),
                        new UsersPages(sql, users, userAccounts, siteSessions, siteTemplates),
                        new AuthorsPages(sql, authorEdits, authorWrites, siteSessions, siteTemplates)),
                new ImagesPages(imageEditing, pickers, siteSessions, siteTemplates, maxUploadBytes), siteSessions));
        ApiErrors.register(routing, new SiteErrors(siteTemplates)::handle);

        WebServer server = WebServer.builder()
                .config(config.get("server"))
                // Main stops the server itself, after draining (Backend.drainAndClose).
                .shutdownHook(false)
                .directHandlers(handlers -> handlers.addHandler(DirectHandler.EventType.BAD_REQUEST, ApiErrors::malformed)
                        .addHandler(DirectHandler.EventType.INTERNAL_ERROR, ApiErrors::unreadable))
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder()
                                .addCheck(new DatabaseReadiness(sql))
                                .addCheck(new MediaStorageReadiness(imageStorage))
                                .addCheck(draining)
                                .details(true)
                                .build())
                        .build())
                .routing(routing)
                .build()
                .start();
        Config scheduler = config.get("ov.scheduler");
        ScheduledPublishing scheduling = scheduler.get("enabled").asBoolean().orElse(true)
                ? new ScheduledPublishing(sql, pageEdits, pageTypes, pageEditing, audit,
                        Duration.ofSeconds(scheduler.get("interval-seconds").asInt().orElse(15)))
                : null;
        return new Backend(server, database, scheduling, contentWatch, draining, served.paths());
    }

    /**
     * A running backend; closing it stops the scheduler, the server and the pool. {@code draining}: its readiness
     * while it stops. {@code routes}: every served path pattern. {@code contentWatch} is null when
     * {@code ov.db.listen-for-changes} is false. {@code scheduling} is null when
     * {@code ov.scheduler.enabled} is false.
     */
    public record Backend(WebServer server, Database database, ScheduledPublishing scheduling,
                          ContentVersionWatch contentWatch, Draining draining, List<String> routes)
            implements AutoCloseable {

        public int port() {
            return server.port();
        }

        /** Readiness down, requests still served for {@code drain}, then {@link #close()}. */
        public void drainAndClose(Duration drain) {
            draining.start();
            try {
                Thread.sleep(drain);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        }

        @Override
        public void close() {
            if (scheduling != null) {
                scheduling.close();
            }
            server.stop();
            if (contentWatch != null) {
                contentWatch.close();
            }
            database.close();
        }
    }
}
