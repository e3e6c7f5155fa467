package org.openvault.frontend.content;

import java.util.List;

/**
 * An exhibit or a collection as its page shows it. {@code related} is null when the backend sent no
 * {@code related_exhibits}; {@code introduction} is empty for exhibits.
 */
public record DetailPage(Kind kind, int id, String slug, String title, String description, Image hero, Image cover,
                         String introduction, List<Block> blocks, List<TocEntry> toc, List<Author> authors,
                         List<Footnote> footnotes, List<Card> related) {

    /** The two kinds of detail page and how the site names them. */
    public enum Kind {
        EXHIBIT("exhibits", "In This Exhibit", "Scholar Exhibit from GBH Open Vault"),
        COLLECTION("collections", "In This Collection", "GBH Open Vault Collection");

        private final String section;
        private final String sidebarTitle;
        private final String fallbackDescription;

        Kind(String section, String sidebarTitle, String fallbackDescription) {
            this.section = section;
            this.sidebarTitle = sidebarTitle;
            this.fallbackDescription = fallbackDescription;
        }

        /** The first path segment: "exhibits" or "collections". */
        public String section() {
            return section;
        }

        public String sidebarTitle() {
            return sidebarTitle;
        }

        public String fallbackDescription() {
            return fallbackDescription;
        }
    }

    /** An editor's previewed draft: its page type name and the page (null when that type has no preview). */
    public record Draft(String type, DetailPage page) {
    }

    /** "By Jane Doe, John Roe". */
    public String byline() {
        return "By " + String.join(", ", authors.stream().map(Author::name).toList());
    }

    public String href() {
        return "/" + kind.section() + "/" + slug;
    }
}
