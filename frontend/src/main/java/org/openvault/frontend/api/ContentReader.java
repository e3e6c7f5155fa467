package org.openvault.frontend.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.openvault.frontend.content.AapbGroup;
import org.openvault.frontend.content.AapbTile;
import org.openvault.frontend.content.Author;
import org.openvault.frontend.content.Block;
import org.openvault.frontend.content.Card;
import org.openvault.frontend.content.DetailPage;
import org.openvault.frontend.content.Footnote;
import org.openvault.frontend.content.Image;
import org.openvault.frontend.content.Miniseries;
import org.openvault.frontend.content.PageHits;
import org.openvault.frontend.content.PageSummary;
import org.openvault.frontend.content.Redirect;
import org.openvault.frontend.content.SafeHtml;
import org.openvault.frontend.content.SearchHit;
import org.openvault.frontend.content.Season;
import org.openvault.frontend.content.SeriesHit;
import org.openvault.frontend.content.SeriesHits;
import org.openvault.frontend.content.SeriesTitle;
import org.openvault.frontend.content.StaticPage;
import org.openvault.frontend.content.TocEntry;

/** Turns the backend's page JSON (Wagtail API v2 shapes) into what the templates render. */
final class ContentReader {

    /** The six AAPB record-group block types. */
    private static final Set<String> AAPB_TYPES = Set.of(
            "interviews", "archival_footage", "photographs", "original_footage", "programs", "related_content");

    private static final Pattern FOOTNOTE_MARKER = Pattern.compile("<footnote id=\"([^\"]+)\">[^<]*</footnote>");
    private static final Pattern SINGLE_PARAGRAPH = Pattern.compile("^\\s*<p(?:\\s[^>]*)?>(.*)</p>\\s*$", Pattern.DOTALL);
    private static final Pattern CPB_GUID = Pattern.compile("^cpb-aacip.", Pattern.CASE_INSENSITIVE);

    private final String aapbHost;

    ContentReader(String aapbHost) {
        this.aapbHost = aapbHost.endsWith("/") ? aapbHost.substring(0, aapbHost.length() - 1) : aapbHost;
    }

    /** Whether a page type name (old or new spelling) is an exhibit. */
    static boolean isExhibitType(String type) {
        return type.startsWith("exhibits.");
    }

    /** Whether a page type name (old or new spelling) is a collection. */
    static boolean isCollectionType(String type) {
        return type.startsWith("ov_collections.");
    }

    /** An item of an exhibit or collection listing; its kind comes from the listing it was read from. */
    static PageSummary summary(JsonNode item, DetailPage.Kind kind) {
        return new PageSummary(kind, item.at("/meta/slug").asText(""), item.path("title").asText(""),
                image(item.get("cover_image")), image(item.get("hero_image")),
                item.at("/meta/last_published_at").asText(null));
    }

    /** Every item of a listing answer. */
    static List<PageSummary> summaries(JsonNode listing, DetailPage.Kind kind) {
        List<PageSummary> summaries = new ArrayList<>();
        for (JsonNode item : listing.path("items")) {
            summaries.add(summary(item, kind));
        }
        return summaries;
    }

    /** The id of the first page of this kind in a slug lookup: slugs are unique among siblings only, so check all. */
    static Optional<Integer> idOf(JsonNode found, DetailPage.Kind kind) {
        for (JsonNode item : found.path("items")) {
            String type = item.at("/meta/type").asText("");
            if (kind == DetailPage.Kind.EXHIBIT ? isExhibitType(type) : isCollectionType(type)) {
                return Optional.of(item.path("id").asInt());
            }
        }
        return Optional.empty();
    }

    /** A previewed draft; its type is the one the backend names, else the one the preview link names. */
    DetailPage.Draft draft(JsonNode page, String contentType) {
        String type = page.at("/meta/type").asText(contentType);
        DetailPage.Kind kind = isExhibitType(type) ? DetailPage.Kind.EXHIBIT
                : isCollectionType(type) ? DetailPage.Kind.COLLECTION : null;
        return new DetailPage.Draft(type, kind == null ? null : detail(page, kind));
    }

    /** Every item of a static page listing. */
    static List<StaticPage> staticPages(JsonNode listing) {
        List<StaticPage> pages = new ArrayList<>();
        listing.path("items").forEach(page -> pages.add(staticPage(page)));
        return pages;
    }

    /** A redirect answer for {@code path}: empty when it names no target or the path itself. */
    static Optional<Redirect> redirect(JsonNode answer, String path) {
        String to = answer.path("to").asText("");
        if (to.isBlank() || to.equals(path)) {
            return Optional.empty();
        }
        return Optional.of(new Redirect(to, answer.path("permanent").asBoolean(false)));
    }

    /** Every item of the GBH series listing. */
    static List<SeriesTitle> seriesTitles(JsonNode listing) {
        List<SeriesTitle> titles = new ArrayList<>();
        for (JsonNode item : listing.path("items")) {
            titles.add(new SeriesTitle(item.path("title").asText(""), item.path("aapb_series_url").asText("")));
        }
        return titles;
    }

    /** A search answer: its hits (title and snippet keep only {@code <mark>}), counts and facets. */
    static PageHits pageHits(JsonNode found) {
        List<SearchHit> hits = new ArrayList<>();
        for (JsonNode hit : found.path("items")) {
            boolean exhibit = isExhibitType(hit.path("type").asText(""));
            hits.add(new SearchHit((exhibit ? "/exhibits/" : "/collections/") + hit.path("slug").asText(""),
                    exhibit, SafeHtml.markedText(hit.path("title_highlighted").asText("")),
                    SafeHtml.markedText(hit.path("snippet").asText("")),
                    image(hit.get("hero_thumb"))));
        }
        JsonNode meta = found.path("meta");
        long exhibits = 0;
        long collections = 0;
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) meta.at("/facets/type")::fields) {
            if (isExhibitType(entry.getKey())) {
                exhibits += entry.getValue().asLong();
            } else if (isCollectionType(entry.getKey())) {
                collections += entry.getValue().asLong();
            }
        }
        return new PageHits(meta.path("total_count").asLong(), meta.path("page_count").asInt(), exhibits, collections,
                meta.at("/facets/featured").asLong(), hits);
    }

    /** A series search answer: its hits (titles keep only {@code <mark>}) and counts. */
    static SeriesHits seriesHits(JsonNode found) {
        List<SeriesHit> hits = new ArrayList<>();
        for (JsonNode hit : found.path("items")) {
            hits.add(new SeriesHit(SafeHtml.markedText(hit.path("title_highlighted").asText("")),
                    hit.path("aapb_url").asText("")));
        }
        return new SeriesHits(found.at("/meta/total_count").asLong(), found.at("/meta/page_count").asInt(), hits);
    }

    /** An image rendition: null when the node is missing, null or an error object without a URL. */
    static Image image(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String url = node.path("url").asText("");
        String fullUrl = node.path("full_url").asText("");
        String src = fullUrl.isEmpty() ? url : fullUrl;
        if (src.isEmpty()) {
            return null;
        }
        return new Image(src, url.isEmpty() ? src : url, node.path("alt").asText(""));
    }

    /** A static page answer; its body is cleaned rich text. */
    static StaticPage staticPage(JsonNode page) {
        return new StaticPage(page.at("/meta/path").asText(null), page.path("title").asText(""),
                page.path("subtitle").asText(""), page.at("/meta/search_description").asText(""),
                SafeHtml.richText(page.path("body").asText("")), page.at("/meta/last_published_at").asText(null));
    }

    /** Every season of the Masterpiece listing, its miniseries in broadcast order. */
    static List<Season> seasons(JsonNode listing) {
        List<Season> seasons = new ArrayList<>();
        for (JsonNode season : listing.path("items")) {
            List<Miniseries> miniseries = new ArrayList<>();
            season.path("miniseries").forEach(item -> miniseries.add(miniseries(item)));
            seasons.add(new Season(season.path("number").asInt(), season.path("years").asText(""), miniseries));
        }
        return seasons;
    }

    static Miniseries miniseries(JsonNode item) {
        return new Miniseries(item.path("key").asText(""), item.path("title").asText(""),
                item.path("description").asText(""), item.path("broadcast_date").asText(""),
                item.path("season").asInt());
    }

    /** An exhibit or collection detail answer as a page. */
    DetailPage detail(JsonNode page, DetailPage.Kind kind) {
        boolean exhibit = kind == DetailPage.Kind.EXHIBIT;
        List<Footnote> footnotes = new ArrayList<>();
        Map<String, Footnote> byUuid = new HashMap<>();
        if (exhibit) {
            for (JsonNode note : page.path("footnotes")) {
                String uuid = note.path("uuid").asText("");
                Footnote footnote = new Footnote(footnotes.size() + 1, anchor(uuid),
                        SafeHtml.richText(note.path("text").asText("")));
                footnotes.add(footnote);
                byUuid.put(uuid, footnote);
            }
        }
        List<Author> authors = new ArrayList<>();
        for (JsonNode author : page.path("authors")) {
            String name = author.path("name").asText("");
            if (!name.isBlank()) {
                authors.add(new Author(name, image(author.get("image")),
                        SafeHtml.richText(author.path("bio").asText(""))));
            }
        }
        List<Block> blocks = new ArrayList<>();
        List<TocEntry> toc = new ArrayList<>();
        for (JsonNode node : page.path(exhibit ? "body" : "content")) {
            Block block = block(node, byUuid);
            blocks.add(block);
            tocEntry(block, node).ifPresent(toc::add);
        }
        if (exhibit && !authors.isEmpty()) {
            toc.add(new TocEntry("#authors-section", "Authors"));
        }
        if (!footnotes.isEmpty()) {
            toc.add(new TocEntry("#footnote-section", "Footnotes"));
        }
        List<Card> related = null;
        if (page.has("related_exhibits") && page.get("related_exhibits").isArray()) {
            related = new ArrayList<>();
            for (JsonNode item : page.get("related_exhibits")) {
                related.add(summary(item, DetailPage.Kind.EXHIBIT).card());
            }
        }
        String description = page.at("/meta/search_description").asText("");
        return new DetailPage(kind, page.path("id").asInt(), page.at("/meta/slug").asText(""),
                page.path("title").asText(""),
                description.isBlank() ? kind.fallbackDescription() : description,
                image(page.get("hero_image")), image(page.get("cover_image")),
                exhibit ? "" : SafeHtml.richText(page.path("introduction").asText("")),
                blocks, toc, authors, footnotes, related);
    }

    private Block block(JsonNode node, Map<String, Footnote> footnotes) {
        String type = node.path("type").asText("");
        String id = node.path("id").asText("");
        JsonNode value = node.path("value");
        if (AAPB_TYPES.contains(type)) {
            return new Block(type, id, null, value.isObject() ? aapbGroup(type, value) : null);
        }
        if (!value.isTextual()) {
            return new Block(type, id, null, null);
        }
        if (type.equals("html")) {
            return new Block(type, id, SafeHtml.htmlBlock(value.asText(), aapbHost), null);
        }
        String html = SafeHtml.richText(value.asText());
        return switch (type) {
            case "text" -> new Block(type, id, numberFootnotes(html, footnotes), null);
            case "heading", "subheading" -> new Block(type, id, inline(html), null);
            default -> new Block(type, id, html, null);
        };
    }

    private static java.util.Optional<TocEntry> tocEntry(Block block, JsonNode node) {
        String href = "#" + block.id();
        if ("heading".equals(block.type())) {
            return java.util.Optional.of(new TocEntry(href, block.html()));
        }
        if ("credits".equals(block.type())) {
            return java.util.Optional.of(new TocEntry(href, "Credits"));
        }
        if (block.group() != null && node.at("/value/show_sidebar").asBoolean(true)) {
            String label = block.group().titleHtml().isBlank() ? block.group().kindLabel() : block.group().titleHtml();
            return java.util.Optional.of(new TocEntry(href, label));
        }
        return java.util.Optional.empty();
    }

    /** Replaces wagtail-footnotes markers by numbered links to the note; markers of unknown notes are dropped. */
    static String numberFootnotes(String html, Map<String, Footnote> footnotes) {
        Matcher marker = FOOTNOTE_MARKER.matcher(html);
        StringBuilder out = new StringBuilder();
        while (marker.find()) {
            Footnote note = footnotes.get(marker.group(1));
            String link = note == null ? "" : "<a id=\"footnote-" + note.number() + "\" class=\"footnote-link\" href=\"#"
                    + note.anchor() + "\" aria-label=\"Footnote " + note.number() + "\">" + note.number() + "</a>";
            marker.appendReplacement(out, Matcher.quoteReplacement(link));
        }
        marker.appendTail(out);
        return out.toString();
    }

    /** Rich text of a single paragraph, unwrapped so it fits inside a heading. */
    static String inline(String html) {
        Matcher paragraph = SINGLE_PARAGRAPH.matcher(html);
        if (paragraph.matches() && !paragraph.group(1).contains("<p")) {
            return paragraph.group(1);
        }
        return html;
    }

    private static String anchor(String uuid) {
        return (uuid.length() > 6 ? uuid.substring(0, 6) : uuid);
    }

    private AapbGroup aapbGroup(String type, JsonNode value) {
        List<String> guids = new ArrayList<>();
        JsonNode guidNode = value.path("guids");
        if (guidNode.isArray()) {
            guidNode.forEach(guid -> guids.add(guid.asText("")));
        } else if (guidNode.isTextual()) {
            guids.addAll(List.of(guidNode.asText().trim().split("\\s+")));
        }
        guids.removeIf(String::isBlank);
        String times = times(value.path("start_time"), value.path("end_time"));
        List<AapbTile> tiles = new ArrayList<>();
        for (String guid : guids.subList(0, Math.min(2, guids.size()))) {
            String normalised = normaliseGuid(guid);
            String encoded = URLEncoder.encode(normalised, StandardCharsets.UTF_8);
            tiles.add(new AapbTile(normalised, aapbHost + "/catalog/" + encoded,
                    aapbHost + "/openvault/" + encoded + times));
        }
        String specialCollections = value.path("special_collections").asText("");
        String accessLevel = value.path("access_level").asText("");
        String moreHref = aapbHost + "/catalog";
        if (!specialCollections.isBlank()) {
            moreHref += "?f[special_collections][]=" + URLEncoder.encode(specialCollections, StandardCharsets.UTF_8)
                    + "&sort=title+asc&f[access_types][]="
                    + URLEncoder.encode(accessLevel.isBlank() ? "online" : accessLevel, StandardCharsets.UTF_8);
        }
        int count = guids.size();
        String moreLabel = count == 1 ? "View on AAPB" : count > 1 ? "View all " + count + " on AAPB" : "View more on AAPB";
        return new AapbGroup(type, inline(SafeHtml.richText(value.path("title").asText(""))), tiles,
                value.path("show_title").asBoolean(true), value.path("show_thumbnail").asBoolean(true),
                moreHref, moreLabel);
    }

    /** {@code cpb-aacip} followed by any one character becomes {@code cpb-aacip-}, as AAPB expects. */
    static String normaliseGuid(String guid) {
        String trimmed = guid.trim();
        return CPB_GUID.matcher(trimmed).find() ? "cpb-aacip-" + trimmed.substring(10) : trimmed;
    }

    /** {@code ?start=90&end=300} from "90.0"/"300.0" strings (either may be missing), or "" when neither is set. */
    private static String times(JsonNode start, JsonNode end) {
        String from = seconds(start);
        String to = seconds(end);
        if (from == null && to == null) {
            return "";
        }
        StringBuilder query = new StringBuilder();
        if (from != null) {
            query.append("start=").append(from);
        }
        if (to != null) {
            query.append(query.isEmpty() ? "" : "&").append("end=").append(to);
        }
        return "?" + query;
    }

    private static String seconds(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.asText("").isBlank()) {
            return null;
        }
        try {
            double value = Double.parseDouble(node.asText());
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
