package org.openvault.proxy.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Forwards a request to the upstream and streams the answer back, bodies both ways without buffering them,
 * adding X-Forwarded-For, -Proto and -Host and dropping hop-by-hop headers.
 */
public final class ForwardToUpstream implements Handler {

    private static final Logger LOG = Logger.getLogger(ForwardToUpstream.class.getName());
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "proxy-connection");

    private final WebClient upstream;
    private final Duration timeout;

    public ForwardToUpstream(String upstreamUrl, Duration timeout) {
        this.timeout = timeout;
        this.upstream = WebClient.builder()
                .baseUri(upstreamUrl)
                .followRedirects(false)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(timeout)
                .build();
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        HttpClientRequest forwarded = upstream.method(req.prologue().method())
                .skipUriEncoding(true)
                .readTimeout(timeout)
                .path(req.path().rawPath());
        String query = req.query().rawValue();
        if (!query.isEmpty()) {
            forwarded.uri(forwarded.uri().toString() + "?" + query);
        }
        copyRequestHeaders(req, forwarded);

        HttpClientResponse answer;
        try {
            answer = req.content().hasEntity()
                    ? forwarded.outputStream(out -> {
                        try (InputStream in = req.content().inputStream()) {
                            in.transferTo(out);
                        }
                        out.close();
                    })
                    : forwarded.request();
        } catch (RuntimeException e) {
            LOG.warning("Upstream unreachable for " + req.path().rawPath() + ": " + e.getMessage());
            res.status(Status.BAD_GATEWAY_502).header(HeaderNames.CONTENT_TYPE, "text/plain").send("Bad gateway");
            return;
        }
        try (answer) {
            res.status(answer.status());
            for (Header header : answer.headers()) {
                if (!HOP_BY_HOP.contains(header.name().toLowerCase(Locale.ROOT))) {
                    res.header(header);
                }
            }
            if (req.prologue().method() == Method.HEAD || !answer.entity().hasEntity()) {
                res.send();
                return;
            }
            try (InputStream in = answer.inputStream(); OutputStream out = res.outputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void copyRequestHeaders(ServerRequest req, HttpClientRequest forwarded) {
        String clientAddress = ((InetSocketAddress) req.remotePeer().address()).getAddress().getHostAddress();
        String priorFor = req.headers().first(HeaderNames.X_FORWARDED_FOR).orElse(null);
        forwarded.headers(headers -> {
            for (Header header : req.headers()) {
                String name = header.name().toLowerCase(Locale.ROOT);
                if (!HOP_BY_HOP.contains(name) && !name.startsWith("x-forwarded-")) {
                    headers.set(header);
                }
            }
            headers.set(HeaderNames.X_FORWARDED_FOR, priorFor == null ? clientAddress : priorFor + ", " + clientAddress);
            headers.set(HeaderNames.X_FORWARDED_PROTO, req.isSecure() ? "https" : "http");
            req.headers().first(HeaderNames.HOST).ifPresent(host -> headers.set(HeaderNames.X_FORWARDED_HOST, host));
        });
    }
}
