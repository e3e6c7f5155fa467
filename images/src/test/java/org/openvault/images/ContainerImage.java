package org.openvault.images;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An image tarball written by {@code jib:buildTar} (docker-save format): its config, and a way to run its entrypoint
 * from the unpacked layers without a container engine ({@code unshare} + {@code chroot} as the image's user).
 */
record ContainerImage(String name, Path tarball, JsonNode manifest, JsonNode config) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MODULES = Path.of("..").toAbsolutePath().normalize();

    /** The image built by the given module; the migrate image is built by this module. */
    static ContainerImage of(String module) {
        Path tarball = module.equals("migrate")
                ? Path.of("target/jib-image.tar").toAbsolutePath()
                : MODULES.resolve(module).resolve("target/jib-image.tar");
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException(tarball + " is missing: build the images first (mvn -Pimages package)");
        }
        try {
            return new ContainerImage(module, tarball,
                    JSON.readTree(tarEntry(tarball, "manifest.json")).get(0),
                    JSON.readTree(tarEntry(tarball, "config.json")).get("config"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> entrypoint() {
        List<String> entrypoint = new ArrayList<>();
        config.get("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        return entrypoint;
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        config.path("Env").forEach(entry -> {
            String[] pair = entry.asText().split("=", 2);
            env.put(pair[0], pair[1]);
        });
        return env;
    }

    /** Unpacks every layer in order into {@code target/rootfs/<name>}, as a container engine would. */
    Path unpack() {
        Path root = Path.of("target/rootfs", name).toAbsolutePath();
        try {
            deleteTree(root);
            Path layers = Files.createDirectories(root.resolveSibling(name + "-layers"));
            run(List.of("tar", "-xf", tarball.toString(), "-C", layers.toString()));
            Files.createDirectories(root);
            for (JsonNode layer : manifest.get("Layers")) {
                run(List.of("tar", "-xf", layers.resolve(layer.asText()).toString(), "-C", root.toString()));
            }
            deleteTree(layers);
            Files.createDirectories(root.resolve("proc"));
            Files.createDirectories(root.resolve("dev"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips the calling test where images cannot be run: unshare and chroot need root (CI runs as root). */
    static void assumeRunnable() {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare")),
                "starting images from their layers needs root and unshare");
    }

    /**
     * Starts the entrypoint (plus {@code args}) in the unpacked root as the image's user, with the image's environment
     * plus {@code env}, in its own mount and PID namespace, with {@code /proc} and the host's {@code /dev} (a container
     * engine gives its own; without {@code /dev/urandom} the JVM seeds its SecureRandom from spinning threads, seconds
     * of CPU); the network is the host's, so loopback ports are shared.
     */
    Running start(Path root, Map<String, String> env, String... args) {
        String user = config.get("User").asText();
        List<String> command = new ArrayList<>(List.of(tool("unshare"), "--mount", "--pid", "--fork", "--kill-child",
                tool("sh"), "-c", "\"$0\" -t proc proc \"$1/proc\" && \"$0\" --bind /dev \"$1/dev\" && shift && exec \"$@\"",
                tool("mount"), root.toString(), tool("chroot"), "--userspec=" + user, root.toString()));
        command.addAll(entrypoint());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment());
        builder.environment().putAll(env);
        try {
            return new Running(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A process started from an image; its output is collected, and closing it kills the whole namespace. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final List<Map.Entry<String, CompletableFuture<Void>>> waiting = new ArrayList<>();
        private final CompletableFuture<Integer> exited = new CompletableFuture<>();

        Running(Process process) {
            this.process = process;
            Thread.ofPlatform().daemon().start(this::collect);
        }

        private void collect() {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    output.append(line).append('\n');
                    synchronized (waiting) {
                        for (Map.Entry<String, CompletableFuture<Void>> wait : waiting) {
                            if (line.contains(wait.getKey())) {
                                wait.getValue().complete(null);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended; exited is completed below
            }
            try {
                exited.complete(process.waitFor());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (waiting) {
                waiting.forEach(wait -> wait.getValue().completeExceptionally(
                        new IllegalStateException("exited before printing '" + wait.getKey() + "':\n" + output)));
            }
        }

        /** Blocks until a line containing {@code text} is printed; fails if the process ends first. */
        void awaitOutput(String text) throws Exception {
            CompletableFuture<Void> printed = new CompletableFuture<>();
            synchronized (waiting) {
                if (output.toString().contains(text)) {
                    return;
                }
                waiting.add(Map.entry(text, printed));
            }
            // An upper bound against a hung start-up, not a timing assertion.
            printed.get(2, TimeUnit.MINUTES);
        }

        int awaitExit() throws Exception {
            return exited.get(2, TimeUnit.MINUTES);
        }

        String output() {
            return output.toString();
        }

        /**
         * Sends SIGTERM to the service inside the namespace, as Kubernetes stops a container, and waits (up to a
         * minute, against a hang) for it to end.
         */
        void terminate() throws Exception {
            List<ProcessHandle> descendants = process.descendants().toList();
            descendants.forEach(ProcessHandle::destroy);
            for (ProcessHandle child : descendants) {
                child.onExit().get(1, TimeUnit.MINUTES);
            }
        }

        /**
         * Kills the namespace's processes, then unshare. --kill-child alone is not enough: chroot --userspec changes
         * the credentials, which clears the parent-death signal, so the service would outlive unshare.
         */
        @Override
        public void close() throws Exception {
            List<ProcessHandle> descendants = process.descendants().toList();
            descendants.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle child : descendants) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
            process.destroyForcibly().waitFor();
        }
    }

    private static String tool(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is needed to run images without a container engine");
    }

    private static byte[] tarEntry(Path tarball, String entry) {
        try {
            Process tar = new ProcessBuilder("tar", "-xOf", tarball.toString(), entry).start();
            byte[] content;
            try (InputStream in = tar.getInputStream()) {
                content = in.readAllBytes();
            }
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar could not read " + entry + " from " + tarball);
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
