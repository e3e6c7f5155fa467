package org.openvault.backend.adminsite;

import java.util.List;
import java.util.Map;

/**
 * Everything the edit template shows: the page, the form's fields with the values to show (as typed after a refused
 * save), their messages, the revision the form was loaded from, and the banners.
 *
 * @param values   the form's values by field name; a checkbox's is "on" or ""
 * @param etag     the revision the form stands on, sent back so a save cannot overwrite a newer one unknowingly
 * @param notice   what the last action did ("Saved as a draft."), or null
 * @param stale    who saved a newer revision meanwhile, or null
 * @param moderation the move, schedule and delete forms (shown to moderators only)
 * @param parts    the StreamField, pickers and footnotes of the page types that have them
 */
public record EditScreen(int id, String title, String type, StatusLine status, List<FormField> fields,
                         Map<String, String> values, List<ReadOnlyField> others, FieldErrors errors, String etag,
                         String notice, StaleNotice stale, boolean live,
                         Moderation moderation, PartsView parts) {

    public String value(FormField field) {
        return values.getOrDefault(field.name(), "");
    }

    public boolean checked(FormField field) {
        return "on".equals(values.get(field.name()));
    }
}
