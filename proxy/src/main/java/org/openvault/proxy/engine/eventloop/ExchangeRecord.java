package org.openvault.proxy.engine.eventloop;

import org.openvault.proxy.ops.AccessLog;

/** An answered (or abandoned) request counted in the metrics and written to the access log, for either protocol. */
final class ExchangeRecord {

    private ExchangeRecord() {
    }

    /**
     * {@code request} is null for a request head that could not be parsed; {@code protocol} as the log writes it.
     * Nothing is recorded on an internal entrypoint: load balancers and Prometheus ask it every few seconds.
     */
    static void record(EntrypointContext context, String peerAddress, ParsedRequest request, UpstreamRequestHead.Peer peer,
                       UpstreamExchange exchange, String protocol, int status, long bytesSent, long started) {
        if (context.entrypoint().internal()) {
            return;
        }
        long nanos = System.nanoTime() - started;
        EventLoopRoute route = exchange.route();
        String router = route == null ? "" : route.name();
        String service = route == null || route.service() == null ? "" : route.service().name();
        context.metrics().record(context.entrypoint().name(), router, service, status, nanos);
        AccessLog log = context.accessLog();
        if (log.enabled()) {
            ParsedRequest r = request;
            log.log(new AccessLog.Entry(peer == null ? peerAddress : peer.client(), r == null ? "-" : r.method,
                    r == null ? "" : r.host(), r == null ? "-" : r.rawTarget, protocol,
                    status, bytesSent, context.entrypoint().name(), router, service, exchange.upstreamUrl(),
                    r == null ? "" : r.first("referer"), r == null ? "" : r.first("user-agent")), nanos);
        }
    }
}
