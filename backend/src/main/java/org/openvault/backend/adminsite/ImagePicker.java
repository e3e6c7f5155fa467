package org.openvault.backend.adminsite;

import java.util.List;

/**
 * An image field of the edit form: the image chosen (null for none), and the images found by the editor's search
 * (null before a search) to choose another from.
 */
public record ImagePicker(String name, String label, String help, ImageChoice chosen, String typedValue,
                          String search, List<ImageChoice> found) {

    public String inputId() {
        return "field-" + name;
    }

    public String pointer() {
        return "/" + name;
    }
}
