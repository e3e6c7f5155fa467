package org.openvault.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.Yaml;

/**
 * The objects `helm template` renders for one release, hooks included, parsed; and small helpers to walk them.
 * <p>
 * helm-java's template returns the release manifest without the hooks (the helm CLI prints both). So rendering
 * uses a copy of the chart with one more template that includes each hook template through Helm itself, with the
 * hook annotation renamed so that Helm keeps it in the manifest; the name is restored after rendering.
 */
record RenderedChart(String release, String namespace, List<Map<String, Object>> objects) {

    static final Path CHART = Path.of("openvault").toAbsolutePath();
    static final Helm HELM = new Helm(CHART);
    private static final List<String> HOOK_TEMPLATES = List.of("database.yaml", "migration.yaml",
            "preview-secret.yaml", "tests/site-through-proxy.yaml");
    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (\\S+)");
    private static final String HIDDEN_HOOK = "rendered-by-test/hook";
    private static final String HOOKS_TEMPLATE = "zz-hooks-visible-to-tests.yaml";
    private static final Helm HELM_WITH_HOOKS = new Helm(copyWithVisibleHooks());
    static final String KUBE_VERSION = "v1.31.0";

    /** Renders the chart with real Helm; {@code valuesFile} may be null (the chart's defaults), sets are --set pairs. */
    static RenderedChart render(String release, String namespace, String valuesFile, Map<String, Object> sets) {
        // helm template assumes a very old cluster without one; the chart needs 1.25+ (policy/v1, autoscaling/v2).
        TemplateCommand template = HELM_WITH_HOOKS.template().withName(release).withNamespace(namespace).withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            template = template.withValuesFile(CHART.resolve(valuesFile));
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return new RenderedChart(release, namespace, parseWithHooks(template.call()));
    }

    private static Path copyWithVisibleHooks() {
        try {
            Path copy = Path.of("target/chart-with-visible-hooks/openvault").toAbsolutePath();
            if (Files.exists(copy)) {
                try (Stream<Path> old = Files.walk(copy)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            StringBuilder hooks = new StringBuilder();
            for (String template : HOOK_TEMPLATES) {
                hooks.append("---\n{{ include (print $.Template.BasePath \"/").append(template)
                        .append("\") . | replace \"helm.sh/hook\" \"").append(HIDDEN_HOOK).append("\" }}\n");
            }
            Files.writeString(copy.resolve("templates").resolve(HOOKS_TEMPLATE), hooks);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of every template; of the hooks template only the hooks, with their annotation restored. */
    private static List<Map<String, Object>> parseWithHooks(String manifest) {
        StringBuilder kept = new StringBuilder();
        String source = "";
        for (String document : manifest.split("(?m)^---\\s*$")) {
            Matcher sourceLine = SOURCE.matcher(document);
            if (sourceLine.find()) {
                source = sourceLine.group(1); // a document without the line comes from the same template file
            }
            if (!source.endsWith("/" + HOOKS_TEMPLATE)) {
                kept.append("---\n").append(document).append('\n');
            } else if (document.contains(HIDDEN_HOOK)) {
                kept.append("---\n").append(document.replace(HIDDEN_HOOK, "helm.sh/hook")).append('\n');
            }
        }
        return parse(kept.toString());
    }

    static RenderedChart render(String release, String namespace, String valuesFile) {
        return render(release, namespace, valuesFile, Map.of());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                objects.add((Map<String, Object>) document);
            }
        }
        return objects;
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    /** The object of that kind named {@code <release>-<suffix>}, or an assertion-friendly exception. */
    Map<String, Object> get(String kind, String suffix) {
        String name = release + "-" + suffix;
        return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names()));
    }

    boolean has(String kind, String suffix) {
        String name = release + "-" + suffix;
        return ofKind(kind).stream().anyMatch(o -> name.equals(name(o)));
    }

    List<String> names() {
        return objects.stream().map(o -> o.get("kind") + "/" + name(o)).toList();
    }

    static String name(Map<String, Object> object) {
        return (String) map(object, "metadata").get("name");
    }

    /** The pod spec of a Deployment, StatefulSet or Job; a Pod's own spec. */
    static Map<String, Object> podSpec(Map<String, Object> object) {
        return "Pod".equals(object.get("kind")) ? map(object, "spec") : map(object, "spec", "template", "spec");
    }

    static List<Map<String, Object>> containers(Map<String, Object> podSpec) {
        List<Map<String, Object>> all = new ArrayList<>(list(podSpec, "containers"));
        if (podSpec.containsKey("initContainers")) {
            all.addAll(list(podSpec, "initContainers"));
        }
        return all;
    }

    /** The value of an environment variable given inline (value) in a container, or null. */
    static String env(Map<String, Object> container, String name) {
        if (!container.containsKey("env")) {
            return null;
        }
        return list(container, "env").stream().filter(e -> name.equals(e.get("name")))
                .map(e -> Objects.toString(e.get("value"), null)).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> object, String... path) {
        Map<String, Object> current = object;
        for (String key : path) {
            Object next = current.get(key);
            if (!(next instanceof Map)) {
                throw new AssertionError("no object at ." + String.join(".", path) + " (missing " + key + ") in "
                        + current.keySet());
            }
            current = (Map<String, Object>) next;
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> object, String key) {
        Object value = object.get(key);
        if (!(value instanceof List)) {
            throw new AssertionError("no list at ." + key + " in " + object.keySet());
        }
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> strings(Map<String, Object> object, String... path) {
        return (Map<String, String>) (Map<String, ?>) map(object, path);
    }
}
