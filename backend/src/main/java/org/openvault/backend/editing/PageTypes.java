package org.openvault.backend.editing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The page types editors work with, by type name, and which of them the public site finds by bare slug. */
public final class PageTypes {

    private final Map<String, TypeFields> byName = new LinkedHashMap<>();
    private final Set<String> foundByBareSlug;

    public PageTypes(List<TypeFields> types, Set<String> foundByBareSlug) {
        for (TypeFields type : types) {
            byName.put(type.typeName(), type);
        }
        this.foundByBareSlug = Set.copyOf(foundByBareSlug);
    }

    public Optional<TypeFields> get(String typeName) {
        return Optional.ofNullable(byName.get(typeName));
    }

    public List<String> creatable() {
        return byName.values().stream().filter(TypeFields::creatable).map(TypeFields::typeName).toList();
    }

    public Set<String> foundByBareSlug() {
        return foundByBareSlug;
    }
}
