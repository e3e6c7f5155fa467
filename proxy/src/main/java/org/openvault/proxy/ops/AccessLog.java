package org.openvault.proxy.ops;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.openvault.proxy.config.ProxyConfig;

/** One line per request, as JSON or in common log format, to stdout or a file; flushed once a second and on close. */
public final class AccessLog implements AutoCloseable {

    private static final DateTimeFormatter COMMON_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private final boolean enabled;
    private final boolean json;
    private final Writer out;

    public AccessLog(ProxyConfig.AccessLogSettings settings) {
        this.enabled = settings.enabled();
        this.json = settings.format().equals("json");
        try {
            this.out = new BufferedWriter(settings.file().isBlank()
                    ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                    : Files.newBufferedWriter(Path.of(settings.file()), StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND), 65536);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open access log " + settings.file() + ": " + e.getMessage(), e);
        }
    }

    /** What one line says about a request. */
    public record Entry(String client, String method, String host, String target, String protocol, int status,
                        long bytes, String entrypoint, String router, String service, String upstream,
                        String referer, String userAgent) {
    }

    public boolean enabled() {
        return enabled;
    }

    /** Writes one line; access tokens in the target's or the Referer's query are written as REDACTED. */
    public void log(Entry logged, long nanos) {
        if (!enabled) {
            return;
        }
        Entry entry = new Entry(logged.client(), logged.method(), logged.host(), SecretQueryValues.hide(logged.target()),
                logged.protocol(), logged.status(), logged.bytes(), logged.entrypoint(), logged.router(),
                logged.service(), logged.upstream(), SecretQueryValues.hide(logged.referer()), logged.userAgent());
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String line;
        if (json) {
            line = "{\"time\":\"" + now + "\",\"client\":\"" + esc(entry.client())
                    + "\",\"method\":\"" + esc(entry.method()) + "\",\"host\":\"" + esc(entry.host())
                    + "\",\"path\":\"" + esc(entry.target()) + "\",\"protocol\":\"" + esc(entry.protocol())
                    + "\",\"status\":" + entry.status() + ",\"bytes\":" + entry.bytes()
                    + ",\"duration_ms\":" + String.format(Locale.ROOT, "%.3f", nanos / 1e6)
                    + ",\"entrypoint\":\"" + esc(entry.entrypoint()) + "\",\"router\":\"" + esc(entry.router())
                    + "\",\"service\":\"" + esc(entry.service()) + "\",\"upstream\":\"" + esc(entry.upstream())
                    + "\",\"referer\":\"" + esc(entry.referer()) + "\",\"user_agent\":\"" + esc(entry.userAgent()) + "\"}\n";
        } else {
            line = entry.client() + " - - [" + COMMON_TIME.format(now) + "] \"" + entry.method() + " "
                    + entry.target() + " " + entry.protocol() + "\" " + entry.status() + " " + entry.bytes()
                    + " \"" + entry.referer().replace("\"", "") + "\" \"" + entry.userAgent().replace("\"", "") + "\" "
                    + entry.router() + " " + entry.service() + " " + (nanos / 1_000_000) + "ms\n";
        }
        synchronized (this) {
            try {
                out.write(line);
            } catch (IOException e) {
                // A full disk must not fail requests.
            }
        }
    }

    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            // ignored, see log()
        }
    }

    @Override
    public void close() {
        flush();
    }

    private static String esc(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
