package org.openvault.backend.adminsite;

/** One chosen author or other exhibit of the edit form, in its list's order. */
public record PickedItem(String list, int index, String value, String label, boolean first, boolean last) {

    public String name() {
        return list + "/" + index;
    }

    public String inputId() {
        return "field-" + list + "-" + index;
    }
}
