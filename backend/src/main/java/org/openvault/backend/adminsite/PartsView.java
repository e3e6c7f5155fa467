package org.openvault.backend.adminsite;

import java.util.List;

/**
 * The structured parts of the edit form as the template shows them ({@link PageParts}); empty lists and a null
 * stream for page types without them.
 *
 * @param blockTypes the block types the editor may add, in the picker's order
 * @param focus      the id of the input a list action leaves the focus on, or null
 */
public record PartsView(String stream, String streamLabel, List<BlockView> blocks, List<Choice> blockTypes,
                        List<ImagePicker> images, boolean hasAuthors, List<PickedItem> authors,
                        List<Choice> authorChoices, boolean hasFootnotes, List<FootnoteView> footnotes,
                        boolean hasOtherExhibits, List<PickedItem> otherExhibits, List<Choice> exhibitChoices,
                        boolean otherExhibitsFull, String focus) {

    static final PartsView NONE = new PartsView(null, null, List.of(), List.of(), List.of(), false, List.of(),
            List.of(), false, List.of(), false, List.of(), List.of(), false, null);

    /** Whether the input gets the {@code autofocus} attribute (jte leaves a false boolean attribute out). */
    public boolean focused(String inputId) {
        return inputId.equals(focus);
    }
}
