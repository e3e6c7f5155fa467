package org.openvault.proxy.config;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One node of the YAML configuration that remembers where it came from (file and line, or the environment
 * variable that replaced it), so every error can name the line. Every scalar and every list of scalars can be
 * overridden by an environment variable named after its path: {@code proxy.services.backend.servers} ->
 * {@code PROXY_SERVICES_BACKEND_SERVERS} (a list is given comma-separated).
 */
public final class ConfigNode {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private final String path;
    private final String where;
    private final String scalar;
    private final Map<String, ConfigNode> children;
    private final List<ConfigNode> items;

    private ConfigNode(String path, String where, String scalar, Map<String, ConfigNode> children, List<ConfigNode> items) {
        this.path = path;
        this.where = where;
        this.scalar = scalar;
        this.children = children;
        this.items = items;
    }

    /** Parses {@code yaml} (named {@code source} in messages) and applies environment overrides from {@code env}. */
    public static ConfigNode parse(String source, String yaml, Map<String, String> env) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(source + " line " + line + ": " + e.getProblem());
        } catch (RuntimeException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
        if (root == null) {
            throw new ConfigException(source + ": the file is empty");
        }
        return convert(source, "", root, env);
    }

    private static ConfigNode convert(String source, String path, Node node, Map<String, String> env) {
        String where = source + " line " + (node.getStartMark().getLine() + 1);
        String variable = variableName(path);
        if (node instanceof ScalarNode scalarNode) {
            String value = scalarNode.getValue();
            if (!path.isEmpty() && env.containsKey(variable)) {
                return new ConfigNode(path, "environment variable " + variable, env.get(variable), null, null);
            }
            boolean nullValue = scalarNode.getTag().getValue().endsWith(":null");
            return new ConfigNode(path, where, nullValue ? null : value, null, null);
        }
        if (node instanceof SequenceNode sequence) {
            if (!path.isEmpty() && env.containsKey(variable)) {
                List<ConfigNode> replaced = new ArrayList<>();
                String[] parts = env.get(variable).split(",");
                for (int i = 0; i < parts.length; i++) {
                    if (!parts[i].isBlank()) {
                        replaced.add(new ConfigNode(path + "." + i, "environment variable " + variable, parts[i].trim(), null, null));
                    }
                }
                return new ConfigNode(path, "environment variable " + variable, null, null, replaced);
            }
            List<ConfigNode> list = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                list.add(convert(source, path + "." + i, sequence.getValue().get(i), env));
            }
            return new ConfigNode(path, where, null, null, list);
        }
        MappingNode mapping = (MappingNode) node;
        Map<String, ConfigNode> map = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new ConfigException(source + " line " + (tuple.getKeyNode().getStartMark().getLine() + 1)
                        + ": keys must be plain names");
            }
            String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
            map.put(key.getValue(), convert(source, childPath, tuple.getValueNode(), env));
        }
        return new ConfigNode(path, where, null, map, null);
    }

    /** The environment variable that overrides the value at {@code path}. */
    public static String variableName(String path) {
        return path.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Where this value came from, for messages: "application.yaml line 12" or "environment variable X". */
    public String where() {
        return where;
    }

    public String path() {
        return path;
    }

    /** A {@link ConfigException} naming this node's line. */
    public ConfigException error(String problem) {
        return new ConfigException(where + " (" + path + "): " + problem);
    }

    public boolean isMap() {
        return children != null;
    }

    public boolean isList() {
        return items != null;
    }

    /** The child under {@code key}, if present and not null. */
    public Optional<ConfigNode> get(String key) {
        ConfigNode child = map().get(key);
        return child == null || (child.scalar == null && child.children == null && child.items == null)
                ? Optional.empty() : Optional.of(child);
    }

    /** The child map (empty when absent); fails when this node is not a map. */
    public Map<String, ConfigNode> map() {
        if (children == null) {
            if (scalar == null && items == null) {
                return Map.of();
            }
            throw error("expected a map of keys");
        }
        return Collections.unmodifiableMap(children);
    }

    /** Refuses keys other than {@code known} (catches typos such as {@code pathprefix:}). */
    public ConfigNode onlyKeys(Set<String> known) {
        for (Map.Entry<String, ConfigNode> entry : map().entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw entry.getValue().error("unknown key '" + entry.getKey() + "' (expected one of "
                        + known.stream().sorted().toList() + ")");
            }
        }
        return this;
    }

    /** The items of a list child; a single scalar counts as a one-item list. */
    public List<ConfigNode> list(String key) {
        Optional<ConfigNode> child = get(key);
        if (child.isEmpty()) {
            return List.of();
        }
        ConfigNode node = child.get();
        if (node.items != null) {
            return node.items;
        }
        if (node.scalar != null) {
            List<ConfigNode> split = new ArrayList<>();
            for (String part : node.scalar.split(",")) {
                if (!part.isBlank()) {
                    split.add(new ConfigNode(node.path, node.where, part.trim(), null, null));
                }
            }
            return split;
        }
        throw node.error("expected a list");
    }

    public List<String> strings(String key) {
        return list(key).stream().map(ConfigNode::text).toList();
    }

    /** This node as text; fails for maps and lists. */
    public String text() {
        if (scalar == null) {
            throw error("expected a single value");
        }
        return scalar;
    }

    /** This scalar's text, or "" when it is null. */
    public String textOrEmpty() {
        return scalar == null ? "" : scalar;
    }

    public String string(String key, String fallback) {
        return get(key).map(ConfigNode::text).orElse(fallback);
    }

    public String required(String key) {
        return get(key).map(ConfigNode::text).filter(s -> !s.isBlank())
                .orElseThrow(() -> error("'" + key + "' is required"));
    }

    public int integer(String key, int fallback) {
        return get(key).map(node -> {
            try {
                return Integer.parseInt(node.text().trim());
            } catch (NumberFormatException e) {
                throw node.error("'" + node.text() + "' is not a whole number");
            }
        }).orElse(fallback);
    }

    public long number(String key, long fallback) {
        return get(key).map(node -> {
            try {
                return Long.parseLong(node.text().trim());
            } catch (NumberFormatException e) {
                throw node.error("'" + node.text() + "' is not a whole number");
            }
        }).orElse(fallback);
    }

    public double decimal(String key, double fallback) {
        return get(key).map(node -> {
            try {
                return Double.parseDouble(node.text().trim());
            } catch (NumberFormatException e) {
                throw node.error("'" + node.text() + "' is not a number");
            }
        }).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        return get(key).map(node -> switch (node.text().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw node.error("'" + node.text() + "' is not true or false");
        }).orElse(fallback);
    }

    /** A duration written {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, or a plain number of seconds. */
    public Duration duration(String key, Duration fallback) {
        return get(key).map(node -> {
            Matcher m = DURATION.matcher(node.text().trim());
            if (!m.matches()) {
                throw node.error("'" + node.text() + "' is not a duration (like 500ms, 30s, 2m)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }).orElse(fallback);
    }

    /** A child map node, or an empty one when absent. */
    public ConfigNode node(String key) {
        return get(key).orElseGet(() -> new ConfigNode(path.isEmpty() ? key : path + "." + key, where, null,
                new LinkedHashMap<>(), null));
    }
}
