package org.openvault.frontend.content;

/** One page link tile (image plus title) on the home page and the index pages; {@code image} may be null. */
public record Card(String href, String title, Image image) {

    private static final int MAX_TITLE = 120;

    /** The title as a card shows it: "Untitled" when empty, cut at the last space before 120 characters plus "...". */
    public static String cardTitle(String title) {
        if (title == null || title.isBlank()) {
            return "Untitled";
        }
        if (title.length() <= MAX_TITLE) {
            return title;
        }
        int space = title.lastIndexOf(' ', MAX_TITLE);
        return (space > 0 ? title.substring(0, space) : title.substring(0, MAX_TITLE)) + "...";
    }
}
