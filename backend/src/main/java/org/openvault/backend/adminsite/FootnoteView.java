package org.openvault.backend.adminsite;

/**
 * One footnote of the edit form, with the marker a text block carries where the note is referred to.
 *
 * @param marker {@code <footnote id="{uuid}">[{first six characters}]</footnote>}, the form rich text stores
 */
public record FootnoteView(int index, String uuid, String text, boolean first, boolean last) {

    public String marker() {
        return "<footnote id=\"" + uuid + "\">[" + uuid.substring(0, Math.min(6, uuid.length())) + "]</footnote>";
    }

    public String base() {
        return PageParts.FOOTNOTES + "/" + index;
    }

    public String inputId() {
        return "field-" + PageParts.FOOTNOTES + "-" + index;
    }
}
