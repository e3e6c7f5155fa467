package org.openvault.backend.adminsite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import org.openvault.backend.auth.FormBody;
import org.openvault.backend.editing.EditedPage;
import org.openvault.backend.validation.ValidationException;

/**
 * The edit form's values: its simple fields as text ({@code values}; a checkbox's is "on" or "") and its structured
 * parts in the content's JSON shape ({@code structured}), either as stored or exactly as the editor sent them.
 *
 * @param field the sent form's fields by name ("" when absent); answers "" for a form shown as stored
 */
record Typed(List<FormField> fields, Map<String, String> values, PageParts parts, ObjectNode structured,
             UnaryOperator<String> field) {

    /** The page's current values, as the form shows them. */
    static Typed stored(EditedPage page) {
        List<FormField> fields = EditableFields.of(page.state().type());
        PageParts parts = PageParts.of(page.state().type());
        Map<String, String> values = new LinkedHashMap<>();
        for (FormField field : fields) {
            JsonNode value = page.content().get(field.name());
            if (field.kind() == FormField.Kind.CHECKBOX) {
                values.put(field.name(), value != null && value.asBoolean() ? "on" : "");
            } else {
                values.put(field.name(), value == null || value.isNull() ? "" : value.asText());
            }
        }
        return new Typed(fields, values, parts, ContentForm.from(page.content(), parts), name -> "");
    }

    /** What the editor sent; an unticked checkbox is not sent at all. */
    static Typed sent(ServerRequest req, String type) {
        List<FormField> fields = EditableFields.of(type);
        PageParts parts = PageParts.of(type);
        UnaryOperator<String> field = name -> FormBody.field(req, name);
        Map<String, String> values = new LinkedHashMap<>();
        for (FormField formField : fields) {
            String value = field.apply(formField.name());
            values.put(formField.name(), formField.kind() == FormField.Kind.CHECKBOX
                    ? (value.isEmpty() ? "" : "on") : value);
        }
        return new Typed(fields, values, parts, ContentForm.read(field, parts), field);
    }

    /** The content to save: the page's current content with the form's fields replaced. */
    ObjectNode merged(ObjectNode current) {
        // The fields the form does not edit keep their values: saving the title must not empty anything else.
        ObjectNode content = current.deepCopy();
        for (FormField formField : fields) {
            if (formField.kind() == FormField.Kind.CHECKBOX) {
                content.put(formField.name(), "on".equals(values.get(formField.name())));
            } else {
                content.put(formField.name(), values.get(formField.name()));
            }
        }
        content.setAll(structured.deepCopy());
        return content;
    }

    /** The content names the form edits, simple and structured. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        fields.forEach(formField -> names.add(formField.name()));
        names.addAll(parts.names());
        return names;
    }

    FieldErrors errors(ValidationException refusal) {
        return FieldErrors.of(refusal.violations(), fields, parts.names());
    }
}
