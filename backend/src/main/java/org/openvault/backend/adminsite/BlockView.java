package org.openvault.backend.adminsite;

/**
 * One StreamField block of the edit form.
 *
 * @param base   the start of its inputs' names ({@code body/2}); ids replace the slashes with hyphens
 * @param kind   {@code rich} (rich text), {@code html} or {@code aapb} (an AAPB record group)
 * @param text   the value of a rich-text or html block as typed
 * @param aapb   the fields of an AAPB record group, or null
 * @param locked whether the editor may only keep it as it is (html blocks for non-administrators)
 */
public record BlockView(String base, int index, String type, String label, String help, String kind,
                        String features, String id, String text, AapbView aapb, boolean first, boolean last,
                        boolean locked) {

    /** The id of this block's element or input named by {@code suffix} ({@code value}, {@code value/guids}). */
    public String inputId(String suffix) {
        return ("field-" + base + (suffix.isEmpty() ? "" : "/" + suffix)).replace('/', '-');
    }

    public String name(String suffix) {
        return base + "/" + suffix;
    }

    /** The pointer of one of its values, as a refused save names it. */
    public String pointer(String suffix) {
        return "/" + base + (suffix.isEmpty() ? "" : "/" + suffix);
    }

    /** The list's name ({@code body}): the move and delete buttons name it in their actions. */
    public String list() {
        return base.substring(0, base.indexOf('/'));
    }
}
