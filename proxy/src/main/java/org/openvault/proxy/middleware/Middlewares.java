package org.openvault.proxy.middleware;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.openvault.proxy.config.AddressRange;
import org.openvault.proxy.config.ConfigNode;

/**
 * Reads a middleware's configuration (one key naming its type, holding its settings) into a checked
 * definition; the middleware itself, with whatever state it keeps (a rate limit's buckets), is built from it
 * when the proxy starts.
 */
public final class Middlewares {

    /** A middleware's type and checked settings, ready to be built. */
    public record Definition(String type, Supplier<Middleware> factory) {

        public Middleware build() {
            return factory.get();
        }
    }

    private static final Set<String> TYPES = Set.of("redirect-scheme", "headers", "strip-prefix", "add-prefix", "rate-limit", "basic-auth", "ip-allow-list", "max-body", "request-timeout");

    private Middlewares() {
    }

    public static Definition create(String name, ConfigNode node) {
        node.get("compress").ifPresent(compress -> {
            throw compress.error("middleware '" + name + "': there is no compress middleware, the proxy relays answers as"
                    + " the upstream encoded them (the frontend sends its pages and assets gzip- or Brotli-encoded)");
        });
        node.onlyKeys(TYPES);
        if (node.map().size() != 1) {
            throw node.error("middleware '" + name + "' must have exactly one type, one of " + TYPES.stream().sorted().toList());
        }
        String type = node.map().keySet().iterator().next();
        ConfigNode settings = node.node(type);
        Supplier<Middleware> factory = switch (type) {
            case "redirect-scheme" -> {
                settings.onlyKeys(Set.of("scheme", "port", "permanent"));
                String scheme = settings.string("scheme", "https");
                if (!scheme.equals("https") && !scheme.equals("http")) {
                    throw settings.error("redirect-scheme scheme must be http or https");
                }
                int port = settings.integer("port", -1);
                boolean permanent = settings.bool("permanent", true);
                yield () -> new RedirectScheme(scheme, port, permanent);
            }
            case "headers" -> {
                settings.onlyKeys(Set.of("sts-seconds", "sts-include-subdomains", "sts-preload", "frame-deny",
                        "content-type-nosniff", "referrer-policy", "content-security-policy", "permissions-policy",
                        "custom-request-headers", "custom-response-headers"));
                long stsSeconds = settings.number("sts-seconds", 0);
                boolean subdomains = settings.bool("sts-include-subdomains", false);
                boolean preload = settings.bool("sts-preload", false);
                boolean frameDeny = settings.bool("frame-deny", false);
                boolean nosniff = settings.bool("content-type-nosniff", false);
                String referrerPolicy = settings.string("referrer-policy", "");
                String contentSecurityPolicy = settings.string("content-security-policy", "");
                String permissionsPolicy = settings.string("permissions-policy", "");
                Map<String, String> toUpstream = headerMap(settings.node("custom-request-headers"));
                Map<String, String> toClient = headerMap(settings.node("custom-response-headers"));
                yield () -> new SecurityAndCustomHeaders(stsSeconds, subdomains, preload, frameDeny, nosniff,
                        referrerPolicy, contentSecurityPolicy, permissionsPolicy, toUpstream, toClient);
            }
            case "strip-prefix" -> {
                settings.onlyKeys(Set.of("prefixes"));
                List<String> prefixes = settings.strings("prefixes");
                if (prefixes.isEmpty() || prefixes.stream().anyMatch(p -> !p.startsWith("/"))) {
                    throw settings.error("strip-prefix needs prefixes starting with /");
                }
                yield () -> new StripPrefix(prefixes);
            }
            case "add-prefix" -> {
                settings.onlyKeys(Set.of("prefix"));
                String prefix = settings.required("prefix");
                if (!prefix.startsWith("/")) {
                    throw settings.error("add-prefix prefix must start with /");
                }
                yield () -> new AddPrefix(prefix);
            }
            case "rate-limit" -> {
                settings.onlyKeys(Set.of("average", "burst"));
                double average = settings.decimal("average", 0);
                long burst = settings.number("burst", 1);
                if (average <= 0 || burst < 1) {
                    throw settings.error("rate-limit needs average > 0 (requests per second) and burst >= 1");
                }
                yield () -> new RateLimit(average, burst);
            }
            case "basic-auth" -> {
                settings.onlyKeys(Set.of("users", "realm", "remove-header"));
                Map<String, String> users = new LinkedHashMap<>();
                for (ConfigNode user : settings.list("users")) {
                    String entry = user.text().trim();
                    int colon = entry.indexOf(':');
                    String hash = colon > 0 ? entry.substring(colon + 1) : "";
                    if (!BasicAuth.supported(hash)) {
                        throw user.error("basic-auth users are name:hash with a bcrypt ($2y$…) or {SHA} hash (htpasswd -B or -s)");
                    }
                    users.put(entry.substring(0, colon), hash);
                }
                if (users.isEmpty()) {
                    throw settings.error("basic-auth needs at least one user");
                }
                String realm = settings.string("realm", "Open Vault");
                boolean removeHeader = settings.bool("remove-header", false);
                yield () -> new BasicAuth(users, realm, removeHeader);
            }
            case "ip-allow-list" -> {
                settings.onlyKeys(Set.of("source-range"));
                List<AddressRange> ranges = new ArrayList<>();
                for (ConfigNode range : settings.list("source-range")) {
                    try {
                        ranges.add(AddressRange.parse(range.text()));
                    } catch (IllegalArgumentException e) {
                        throw range.error(e.getMessage());
                    }
                }
                if (ranges.isEmpty()) {
                    throw settings.error("ip-allow-list needs source-range entries (CIDR)");
                }
                yield () -> new IpAllowList(ranges);
            }
            case "max-body" -> {
                settings.onlyKeys(Set.of("bytes"));
                long bytes = settings.number("bytes", -1);
                if (bytes < 0) {
                    throw settings.error("max-body needs bytes >= 0");
                }
                yield () -> new MaxBody(bytes);
            }
            case "request-timeout" -> {
                settings.onlyKeys(Set.of("timeout"));
                java.time.Duration timeout = settings.duration("timeout", java.time.Duration.ofSeconds(30));
                yield () -> new RequestTimeout(timeout);
            }
            default -> throw node.error("unknown middleware type " + type);
        };
        return new Definition(type, factory);
    }

    /** Header name to value; an empty value removes the header. */
    private static Map<String, String> headerMap(ConfigNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        node.map().forEach((name, value) -> {
            if (value.isMap() || value.isList()) {
                throw value.error("header " + name + " needs a single value");
            }
            headers.put(name, value.textOrEmpty());
        });
        return headers;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
