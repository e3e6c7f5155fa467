import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for bench/admin.sh: EDITORS concurrent editors, each saving drafts of its own exhibit as fast as the API
 * answers, publishing every PUBLISH_EVERY-th save (as a moderator), and after each publish polling the public API
 * until the new title shows. Prints p50/p90/p99/max of saves and publishes and the publish-to-public delay.
 * Run: java bench/AdminLoad.java BASE_URL EDITOR_TOKEN MODERATOR_TOKEN SECONDS PAGE_ID...
 */
public final class AdminLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ETAG = Pattern.compile("\"etag\":\"(\\\\\"r\\d+\\\\\")\"");
    private static final int PUBLISH_EVERY = 5;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String editor = args[1];
        String moderator = args[2];
        long seconds = Long.parseLong(args[3]);
        List<Long> saves = Collections.synchronizedList(new ArrayList<>());
        List<Long> publishes = Collections.synchronizedList(new ArrayList<>());
        List<Long> visible = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            String page = args[i];
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    HttpResponse<String> loaded = send(base + "/api/admin/v1/pages/" + page, "GET", editor, null, null);
                    if (loaded.statusCode() != 200) {
                        throw new IllegalStateException("GET page " + page + ": " + loaded.statusCode() + " "
                                + loaded.body());
                    }
                    String body = loaded.body();
                    String slug = field(body, "slug");
                    String etag = etag(body);
                    for (int n = 0; running.get(); n++) {
                        String title = "Bench " + page + " save " + n;
                        long start = System.nanoTime();
                        HttpResponse<String> saved = send(base + "/api/admin/v1/pages/" + page, "PUT", editor, etag,
                                "{\"content\":" + content(body, title) + "}");
                        saves.add(System.nanoTime() - start);
                        if (saved.statusCode() != 200) {
                            errors.add("save " + saved.statusCode() + " " + saved.body());
                            etag = etag(send(base + "/api/admin/v1/pages/" + page, "GET", editor, null, null).body());
                            continue;
                        }
                        etag = etag(saved.body());
                        if (n % PUBLISH_EVERY == PUBLISH_EVERY - 1) {
                            start = System.nanoTime();
                            HttpResponse<String> published = send(base + "/api/admin/v1/pages/" + page + "/publish",
                                    "POST", moderator, etag, null);
                            long acknowledged = System.nanoTime();
                            publishes.add(acknowledged - start);
                            if (published.statusCode() != 200) {
                                errors.add("publish " + published.statusCode() + " " + published.body());
                                continue;
                            }
                            etag = etag(published.body());
                            String encoded = title.replace(" ", "%20");
                            while (!send(base + "/api/v2/exhibits/?slug=" + slug + "&fields=_,title", "GET", null,
                                    null, null).body().contains(title) && System.nanoTime() - acknowledged < 5e9) {
                                Thread.sleep(2);
                            }
                            visible.add(System.nanoTime() - acknowledged);
                        }
                    }
                } catch (Exception e) {
                    errors.add(e.toString());
                }
            }));
        }
        Thread.sleep(seconds * 1000);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        report("save draft", saves, seconds);
        report("publish", publishes, seconds);
        report("publish -> public API shows it", visible, seconds);
        System.out.printf("errors: %d%s%n", errors.size(), errors.isEmpty() ? "" : " (first: " + errors.get(0) + ")");
    }

    // The page's content as loaded (the last member of the page JSON) with a new title: a repeated member, whose last
    // value wins, so the program needs no JSON library.
    private static String content(String page, String title) {
        int start = page.lastIndexOf("\"content\":{") + "\"content\":".length();
        String content = page.substring(start, page.length() - 1);
        return content.substring(0, content.length() - 1) + ",\"title\":\"" + title + "\"}";
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    private static String etag(String json) {
        Matcher m = ETAG.matcher(json);
        return m.find() ? m.group(1).replace("\\\"", "\"") : "*";
    }

    private static HttpResponse<String> send(String url, String method, String token, String ifMatch, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void report(String name, List<Long> nanos, long seconds) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.printf("%-32s none%n", name);
            return;
        }
        System.out.printf("%-32s n=%d (%.1f/s)  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n", name,
                sorted.size(), sorted.size() / (double) seconds, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
