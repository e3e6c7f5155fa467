package org.openvault.backend.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The JSON shape of one kind of API object, in Wagtail's layout: {@code id} first, then {@code meta} (only when
 * at least one meta field is selected), then the other fields in declaration order. A selected field whose value
 * is absent is written as {@code null}. Child relations (authors, footnotes, …) are nested shapes.
 *
 * @param <R> the record the values are read from
 */
public final class Shape<R> {

    /** One field: its name, whether it goes under {@code meta}, and how its value is read. */
    public record Field<R>(String name, boolean meta, BiFunction<R, RenderContext, Object> value,
                           Shape<Object> nested, Function<R, List<?>> children) {

        public boolean isRelation() {
            return nested != null;
        }
    }

    private final List<Field<R>> fields;
    private final Map<String, Field<R>> byName;

    private Shape(List<Field<R>> fields) {
        this.fields = List.copyOf(fields);
        this.byName = new LinkedHashMap<>();
        for (Field<R> f : fields) {
            byName.put(f.name(), f);
        }
    }

    public static <R> Builder<R> builder() {
        return new Builder<>();
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** All names except those listed. */
    public Set<String> namesExcept(Collection<String> excluded) {
        Set<String> names = new LinkedHashSet<>(byName.keySet());
        names.removeAll(excluded);
        return names;
    }

    /**
     * Resolves the {@code fields} parameter against the defaults and the fields this view offers, with Wagtail's
     * rules and messages ({@code unknown fields: a, b}, {@code 'x' does not support nested fields}).
     */
    public Selection select(List<FieldsParameter.Entry> config, Set<String> defaults, Set<String> available) {
        Set<String> selected = new LinkedHashSet<>(defaults);
        List<FieldsParameter.Entry> rest = config;
        if (!config.isEmpty() && config.get(0).name().equals("*")) {
            selected = new LinkedHashSet<>(available);
            rest = config.subList(1, config.size());
        } else if (!config.isEmpty() && config.get(0).name().equals("_")) {
            selected = new LinkedHashSet<>();
            rest = config.subList(1, config.size());
        }
        Set<String> mentioned = new TreeSet<>();
        Map<String, List<FieldsParameter.Entry>> subFields = new LinkedHashMap<>();
        for (FieldsParameter.Entry entry : rest) {
            if (entry.negated()) {
                selected.remove(entry.name());
            } else {
                selected.add(entry.name());
                if (entry.nested() != null && !entry.nested().isEmpty()) {
                    subFields.put(entry.name(), entry.nested());
                }
            }
            mentioned.add(entry.name());
        }
        mentioned.removeAll(available);
        if (!mentioned.isEmpty()) {
            throw ApiException.badRequest("unknown fields: " + String.join(", ", mentioned));
        }
        Map<String, Selection> nested = new LinkedHashMap<>();
        for (String name : selected) {
            Field<R> field = byName.get(name);
            if (field.isRelation()) {
                List<FieldsParameter.Entry> sub = subFields.getOrDefault(name, List.of());
                // Inline child objects show all their fields by default.
                if (sub.isEmpty() || !(sub.get(0).name().equals("*") || sub.get(0).name().equals("_"))) {
                    List<FieldsParameter.Entry> withAll = new ArrayList<>();
                    withAll.add(new FieldsParameter.Entry("*", false, null));
                    withAll.addAll(sub);
                    sub = withAll;
                }
                Shape<Object> child = field.nested();
                nested.put(name, child.select(sub, child.names(), child.names()));
            } else if (subFields.containsKey(name)) {
                throw ApiException.badRequest("'" + name + "' does not support nested fields");
            }
        }
        return new Selection(selected, nested);
    }

    /** The selection of every field, nested ones included. */
    public Selection all() {
        return select(List.of(), names(), names());
    }

    public Map<String, Object> render(R record, Selection selection, RenderContext ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        Field<R> id = byName.get("id");
        if (id != null && selection.has("id")) {
            out.put("id", id.value().apply(record, ctx));
        }
        Map<String, Object> meta = null;
        for (Field<R> f : fields) {
            if (f.meta() && selection.has(f.name())) {
                if (meta == null) {
                    meta = new LinkedHashMap<>();
                }
                meta.put(f.name(), f.value().apply(record, ctx));
            }
        }
        if (meta != null) {
            out.put("meta", meta);
        }
        for (Field<R> f : fields) {
            if (f.meta() || f.name().equals("id") || !selection.has(f.name())) {
                continue;
            }
            if (f.isRelation()) {
                List<?> children = f.children().apply(record);
                Selection sub = selection.nested(f.name());
                List<Object> rendered = new ArrayList<>(children.size());
                for (Object child : children) {
                    rendered.add(f.nested().render(child, sub, ctx));
                }
                out.put(f.name(), rendered);
            } else {
                out.put(f.name(), f.value().apply(record, ctx));
            }
        }
        return out;
    }

    /** The chosen fields of one view, and per child relation its own selection. */
    public record Selection(Set<String> names, Map<String, Selection> nestedSelections) {

        public boolean has(String name) {
            return names.contains(name);
        }

        public Selection nested(String name) {
            return nestedSelections.get(name);
        }
    }

    /** Fields are declared in output order. */
    public static final class Builder<R> {

        private final List<Field<R>> fields = new ArrayList<>();

        public Builder<R> body(String name, BiFunction<R, RenderContext, Object> value) {
            fields.add(new Field<>(name, false, value, null, null));
            return this;
        }

        public Builder<R> body(String name, Function<R, Object> value) {
            return body(name, (r, ctx) -> value.apply(r));
        }

        public Builder<R> meta(String name, BiFunction<R, RenderContext, Object> value) {
            fields.add(new Field<>(name, true, value, null, null));
            return this;
        }

        public Builder<R> meta(String name, Function<R, Object> value) {
            return meta(name, (r, ctx) -> value.apply(r));
        }

        @SuppressWarnings("unchecked")
        public <C> Builder<R> children(String name, Function<R, List<C>> children, Shape<C> shape) {
            fields.add(new Field<>(name, false, null, (Shape<Object>) (Shape<?>) shape, (Function<R, List<?>>) (Function<R, ?>) children));
            return this;
        }

        public Builder<R> include(Shape<? super R> other) {
            for (Field<? super R> f : other.fields) {
                @SuppressWarnings("unchecked")
                Field<R> same = (Field<R>) (Field<?>) f;
                fields.add(same);
            }
            return this;
        }

        public Shape<R> build() {
            return new Shape<>(fields);
        }
    }
}
