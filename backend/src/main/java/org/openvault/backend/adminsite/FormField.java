package org.openvault.backend.adminsite;

/** One field of the page edit form: its content name, label, help text and how it is typed. */
public record FormField(String name, String label, String help, Kind kind) {

    /** How the field is rendered. */
    public enum Kind { TEXT, TEXTAREA, RICH_TEXT, CHECKBOX }

    public String inputId() {
        return "field-" + name;
    }

    public String helpId() {
        return inputId() + "-help";
    }

    public String errorId() {
        return inputId() + "-error";
    }
}
