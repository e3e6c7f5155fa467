package org.openvault.proxy;

import java.nio.file.Path;
import java.util.Map;

import io.helidon.logging.common.LogConfig;
import org.openvault.proxy.config.ConfigException;
import org.openvault.proxy.config.ProxyConfig;

/**
 * The edge proxy. Reads one YAML file ({@code PROXY_CONFIG_FILE}, else the bundled application.yaml) with
 * environment overrides, refuses a bad one with the line and problem, then serves its entrypoints.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        long started = System.nanoTime();
        Map<String, String> env = System.getenv();
        String file = args.length > 0 ? args[0] : env.getOrDefault("PROXY_CONFIG_FILE", "");
        ProxyConfig config;
        try {
            config = ProxyConfig.load(file.isBlank() ? null : Path.of(file), env);
        } catch (ConfigException e) {
            System.err.println("Refusing to start, the configuration is wrong: " + e.getMessage());
            System.exit(2);
            return;
        }
        RunningProxy proxy;
        try {
            proxy = start(config);
        } catch (CannotListenException e) {
            System.err.println("Cannot start the proxy: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(proxy::drainThenStop, "proxy-shutdown"));
        StringBuilder listening = new StringBuilder();
        config.entrypoints().forEach((name, entrypoint) -> listening.append(listening.isEmpty() ? "" : ", ")
                .append(name).append(entrypoint.tls() ? " https://" : " http://").append("localhost:").append(proxy.port(name)));
        System.out.printf("Proxy listening on %s (started in %d ms)%n", listening, (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts the proxy; ports of 0 pick free ports ({@link RunningProxy#port(String)} tells which). */
    public static RunningProxy start(ProxyConfig config) {
        return RunningProxy.start(config);
    }
}
