package org.openvault.frontend;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.openvault.frontend.api.BackendApi;
import org.openvault.frontend.api.BackendUnavailableException;
import org.openvault.frontend.health.HealthService;
import org.openvault.frontend.home.HomeSite;
import org.openvault.frontend.pages.PageSite;
import org.openvault.frontend.rendering.Templates;

/** The public site: config, backend client, templates, routing, server. */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        long started = System.nanoTime();
        WebServer server = start(Config.create());
        System.out.printf("Frontend listening on http://localhost:%d (started in %d ms)%n",
                server.port(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts the site with the given configuration; {@code server.port: 0} picks a free port. */
    public static WebServer start(Config config) {
        BackendApi api = new BackendApi(config.get("ov.api"));
        Templates templates = new Templates();

        HttpRouting.Builder routing = HttpRouting.builder()
                .register("/health", new HealthService())
                .register(new HomeSite(api, templates))
                .register(new PageSite(api, templates))
                .any((req, res) -> templates.notFound(res, "There is no page at " + req.path().path()))
                .error(BackendUnavailableException.class, (req, res, e) -> {
                    LOG.warning(e.getMessage());
                    templates.unavailable(res);
                })
                .error(RuntimeException.class, (req, res, e) -> {
                    LOG.log(Level.SEVERE, "Unexpected error on " + req.path().path(), e);
                    templates.unavailable(res);
                });

        return WebServer.builder()
                .config(config.get("server"))
                .routing(routing)
                .build()
                .start();
    }
}
