package org.openvault.frontend;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.config.Config;
import io.helidon.http.DirectHandler;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.openvault.frontend.api.BackendApi;
import org.openvault.frontend.api.BackendUnavailableException;
import org.openvault.frontend.catalog.CatalogSite;
import org.openvault.frontend.api.CmsClient;
import org.openvault.frontend.health.HealthService;
import org.openvault.frontend.home.HomeSite;
import org.openvault.frontend.masterpiece.MasterpieceSite;
import org.openvault.frontend.exhibitsandcollections.ExhibitAndCollectionSite;
import org.openvault.frontend.preview.PreviewSite;
import org.openvault.frontend.search.AapbSearch;
import org.openvault.frontend.search.SearchSite;
import org.openvault.frontend.series.SeriesSite;
import org.openvault.frontend.sitemap.SitemapSite;
import org.openvault.frontend.rendering.AssetService;
import org.openvault.frontend.rendering.Assets;
import org.openvault.frontend.rendering.Compression;
import org.openvault.frontend.rendering.MalformedRequests;
import org.openvault.frontend.rendering.Site;
import org.openvault.frontend.rendering.RecentPages;
import org.openvault.frontend.rendering.RenderThreads;
import org.openvault.frontend.rendering.Templates;
import org.openvault.frontend.staticpages.StaticPageSite;

/** The public site: config, backend client, templates, routing, server. */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        long started = System.nanoTime();
        Config config = Config.create();
        HealthService health = new HealthService();
        WebServer server = start(config, health);
        // On SIGTERM: /health down, pages still served for the drain time, then the listener closes and requests
        // being answered finish (server.shutdown-grace-period).
        Duration drain = config.get("ov.shutdown.drain").as(Duration.class).orElse(Duration.ZERO);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            health.drain();
            try {
                Thread.sleep(drain);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.stop();
        }, "frontend-shutdown"));
        System.out.printf("Frontend listening on http://localhost:%d (started in %d ms)%n",
                server.port(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts the site with the given configuration; {@code server.port: 0} picks a free port. */
    public static WebServer start(Config config) {
        return start(config, new HealthService());
    }

    /** Starts the site answering /health with {@code health}. */
    public static WebServer start(Config config, HealthService health) {
        Config ov = config.get("ov");
        BackendApi api = new BackendApi(ov.get("api"));
        Assets assets = new Assets();
        Site site = Site.from(ov, assets);
        Compression compression = new Compression(ov.get("compression.cache-max-bytes").asLong().orElse(4L << 20));
        RecentPages recentPages = new RecentPages(ov.get("pages.cache-max-bytes").asLong().orElse(8L << 20), compression);
        Templates templates = new Templates(site, compression, recentPages, RenderThreads.perCore());
        CmsClient cms = new CmsClient(api, site.aapbHost());

        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new MalformedRequests(templates)::filter)
                .addFilter(health::filter)
                .addFilter(recentPages::filter)
                .register("/health", health)
                .register("/assets", new AssetService(assets))
                .register(new HomeSite(cms, templates))
                .register(new MasterpieceSite(cms, templates))
                .register(new ExhibitAndCollectionSite(cms, templates))
                .register(new PreviewSite(cms, templates))
                .register(new SearchSite(cms, templates, new AapbSearch(ov.get("aapb"))))
                .register(new SeriesSite(cms, templates))
                .register(new SitemapSite(cms, site, compression))
                .register(new CatalogSite(ov.get("organ"), templates))
                .register(new StaticPageSite(cms, templates))
                .error(BackendUnavailableException.class, (req, res, e) -> {
                    LOG.warning(e.getMessage());
                    templates.unavailable(req, res);
                })
                .error(RuntimeException.class, (req, res, e) -> {
                    LOG.log(Level.SEVERE, "Unexpected error on " + req.path().absolute().path(), e);
                    templates.serverError(req, res);
                });

        return WebServer.builder()
                .config(config.get("server"))
                // main stops the server itself, after draining.
                .shutdownHook(false)
                .directHandlers(handlers -> handlers.addHandler(DirectHandler.EventType.INTERNAL_ERROR,
                        MalformedRequests::unreadable))
                .routing(routing)
                .build()
                .start();
    }
}
