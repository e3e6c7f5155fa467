package org.openvault.backend.richtext;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * The attribute values the storage format allows, checked before cleaning. An element that breaks them is renamed to
 * a tag no safelist allows, so the cleaner drops it in its single pass: a link or footnote leaves its text, an embed
 * (which has none) disappears. Unwrapping or removing elements one by one would be quadratic in their siblings.
 */
final class StorageValues {

    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> IMAGE_FORMATS = Set.of("fullwidth", "left", "right");
    private static final String DROPPED = "x-dropped";

    private StorageValues() {
    }

    static void enforce(Element root, RichText.Features features) {
        for (Element link : root.select("a")) {
            link(link, features);
        }
        for (Element embed : root.select("embed")) {
            embed(embed, features);
        }
        for (Element footnote : root.select("footnote")) {
            if (!UUID.matcher(footnote.attr("id")).matches()) {
                footnote.tagName(DROPPED);
            }
        }
    }

    // Internal links name a page or document by id (resolved by the frontend); external ones carry a safe href.
    private static void link(Element a, RichText.Features features) {
        if (a.hasAttr("linktype")) {
            if (features.linkTypes.contains(a.attr("linktype")) && ID.matcher(a.attr("id")).matches()) {
                keepOnly(a, "id", "linktype");
            } else {
                a.tagName(DROPPED);
            }
            return;
        }
        String href = browserUrl(a.attr("href"));
        if (isSafeHref(href)) {
            a.attr("href", href);
            keepOnly(a, "href");
        } else {
            a.tagName(DROPPED);
        }
    }

    private static void embed(Element embed, RichText.Features features) {
        String type = embed.attr("embedtype");
        if (!features.embedTypes.contains(type)) {
            embed.tagName(DROPPED);
        } else if (type.equals("image")) {
            if (ID.matcher(embed.attr("id")).matches() && IMAGE_FORMATS.contains(embed.attr("format"))) {
                keepOnly(embed, "alt", "embedtype", "format", "id");
            } else {
                embed.tagName(DROPPED);
            }
        } else {
            String url = browserUrl(embed.attr("url"));
            if (isHttp(url)) {
                embed.attr("url", url);
                keepOnly(embed, "embedtype", "url");
            } else {
                embed.tagName(DROPPED);
            }
        }
    }

    /** The URL as a browser reads it: tabs and newlines anywhere are ignored, controls and spaces around it too. */
    static String browserUrl(String raw) {
        String url = raw.replaceAll("[\\t\\n\\r]", "");
        int start = 0;
        int end = url.length();
        while (start < end && url.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && url.charAt(end - 1) <= ' ') {
            end--;
        }
        return url.substring(start, end);
    }

    // An allowlist of schemes, so javascript:, data:, vbscript: and whatever comes next stay out.
    static boolean isSafeHref(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return isHttp(url) || lower.startsWith("mailto:") || url.startsWith("#") || isSitePath(url);
    }

    private static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    // "//host" and "/\host" are read by browsers as another site, not a path on this one.
    private static boolean isSitePath(String url) {
        return url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
    }

    private static void keepOnly(Element element, String... keys) {
        List<String> kept = List.of(keys);
        for (Attribute attribute : element.attributes().asList()) {
            if (!kept.contains(attribute.getKey())) {
                element.removeAttr(attribute.getKey());
            }
        }
    }
}
