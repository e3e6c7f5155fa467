package org.openvault.proxy.balancing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.openvault.proxy.config.ProxyConfig;

/**
 * A service's servers, taken round-robin among the healthy ones. When none is healthy every server is tried
 * anyway (better a possible answer than a certain 503).
 */
public final class BalancedService {

    private final ProxyConfig.Service config;
    private final List<UpstreamServer> servers;
    private final AtomicInteger next = new AtomicInteger();

    public BalancedService(ProxyConfig.Service config) {
        this.config = config;
        List<UpstreamServer> list = new ArrayList<>();
        for (var url : config.servers()) {
            list.add(new UpstreamServer(url, config.connectTimeout(), config.passiveMaxFails(), config.passiveFailTimeout()));
        }
        this.servers = List.copyOf(list);
    }

    public ProxyConfig.Service config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public List<UpstreamServer> servers() {
        return servers;
    }

    /** The next server not yet {@code tried}: a healthy one if any, else any; null when all were tried. */
    public UpstreamServer pick(Set<UpstreamServer> tried) {
        int size = servers.size();
        int start = Math.floorMod(next.getAndIncrement(), size);
        UpstreamServer fallback = null;
        for (int i = 0; i < size; i++) {
            UpstreamServer server = servers.get((start + i) % size);
            if (tried.contains(server)) {
                continue;
            }
            if (server.healthy()) {
                return server;
            }
            if (fallback == null) {
                fallback = server;
            }
        }
        return fallback;
    }

    /** Runs the active health check of every server once (no-op without a health-check path). */
    public void checkHealth() {
        if (config.healthPath().isEmpty()) {
            return;
        }
        for (UpstreamServer server : servers) {
            server.check(config.healthPath(), config.healthTimeout());
        }
    }
}
