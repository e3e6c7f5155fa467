package org.openvault.backend.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * Registers services on the routing and writes down the path pattern of every route they declare
 * ({@code /api/v2/pages/{id}}, {@code /media/{+path}}), so the served routes can be held against the OpenAPI
 * document. A route declared without a path pattern (a raw {@link HttpRoute}) is written down as
 * {@code <prefix> (undocumentable route)}, which no document matches.
 */
public final class ServedRoutes {

    private final HttpRules rules;
    private final List<String> paths = new ArrayList<>();

    public ServedRoutes(HttpRules rules) {
        this.rules = rules;
    }

    public ServedRoutes register(String prefix, HttpService service) {
        rules.register(prefix, service);
        service.routing(new Collector(prefix));
        return this;
    }

    /** Every path pattern registered so far, prefix included, in registration order. */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    /** Plays the routing for one service: records paths, routes nothing. */
    private final class Collector implements HttpRules {

        private final String prefix;

        Collector(String prefix) {
            this.prefix = prefix;
        }

        private HttpRules add(String path) {
            paths.add(prefix + path);
            return this;
        }

        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService service : services) {
                service.routing(this);
            }
            return this;
        }

        @Override
        public HttpRules register(String path, HttpService... services) {
            for (HttpService service : services) {
                service.routing(new Collector(prefix + path));
            }
            return this;
        }

        @Override
        public HttpRules route(HttpRoute route) {
            return add(" (undocumentable route)");
        }

        @Override
        public HttpRules route(Method method, String pathPattern, Handler handler) {
            return add(pathPattern);
        }

        @Override
        public HttpRules route(Method method, PathMatcher pathMatcher, Handler handler) {
            return add(" (undocumentable route)");
        }

        @Override
        public HttpRules route(Predicate<Method> methodPredicate, PathMatcher pathMatcher, Handler handler) {
            return add(" (undocumentable route)");
        }

        @Override
        public HttpRules route(Method method, Handler handler) {
            return add("");
        }

        @Override
        public HttpRules any(String pathPattern, Handler... handlers) {
            return add(pathPattern);
        }

        @Override
        public HttpRules any(Handler... handlers) {
            return add("");
        }
    }
}
