package org.openvault.backend.editing;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.api.ApiJson;

/**
 * Checks an editor's page content: the fields every page has (title, slug, promote fields) and then its type's own.
 * Answers the content to store, every value cleaned; problems go to the context's violations.
 */
public final class ContentValidator {

    public static final Set<String> COMMON = Set.of("title", "slug", "seo_title", "search_description", "show_in_menus");

    // Wagtail's slugs: unicode letters and digits, hyphen and underscore.
    private static final Pattern SLUG = Pattern.compile("[\\p{L}\\p{N}_-]+");
    private static final int MAX_DESCRIPTION = 10_000;

    private ContentValidator() {
    }

    public static ObjectNode validate(JsonNode content, TypeFields type, EditContext context) {
        ObjectNode clean = ApiJson.MAPPER.createObjectNode();
        if (content == null || !content.isObject()) {
            context.violations().add(ContentChecks.CONTENT, content == null ? "required" : "not_object",
                    "content must be an object of the page's fields");
            return clean;
        }
        ObjectNode given = (ObjectNode) content;
        Set<String> known = new HashSet<>(COMMON);
        known.addAll(type.fields());
        given.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                context.violations().add(context.at(name), "unknown_field",
                        "a " + type.typeName() + " has no field " + name);
            }
        });
        ContentChecks.plainText(given, "title", 255, clean, context);
        if (clean.path("title").asText().isBlank() && !context.violations().list().stream()
                .anyMatch(v -> v.pointer().equals(context.at("title")))) {
            context.violations().add(context.at("title"), "required", "title is required");
        }
        slug(given, clean, context);
        ContentChecks.plainText(given, "seo_title", 255, clean, context);
        ContentChecks.plainText(given, "search_description", MAX_DESCRIPTION, clean, context);
        ContentChecks.flag(given, "show_in_menus", clean, context);
        type.validate(given, clean, context);
        return clean;
    }

    private static void slug(ObjectNode content, ObjectNode clean, EditContext context) {
        JsonNode value = content.get("slug");
        String slug;
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            slug = slugify(clean.path("title").asText());
        } else if (!value.isTextual()) {
            context.violations().add(context.at("slug"), "not_string", "slug must be a string");
            return;
        } else {
            slug = value.asText();
            if (slug.length() > 255) {
                context.violations().add(context.at("slug"), "too_long", "slug is longer than 255 characters");
                return;
            }
            if (!SLUG.matcher(slug).matches()) {
                context.violations().add(context.at("slug"), "invalid_slug",
                        "a slug has only letters, digits, hyphens and underscores");
                return;
            }
        }
        clean.put("slug", slug);
    }

    /** A slug made from a title, as the admin fills it in: lower case, accents dropped, hyphens between words. */
    public static String slugify(String title) {
        String plain = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 255) {
            slug = slug.substring(0, 255).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "page" : slug;
    }
}
