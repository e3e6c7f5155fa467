package org.openvault.frontend.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.openvault.frontend.content.DetailPage;
import org.openvault.frontend.content.DetailPage.Kind;
import org.openvault.frontend.content.Miniseries;
import org.openvault.frontend.content.PageHits;
import org.openvault.frontend.content.PageSummary;
import org.openvault.frontend.content.Redirect;
import org.openvault.frontend.content.Season;
import org.openvault.frontend.content.SeriesHits;
import org.openvault.frontend.content.SeriesTitle;
import org.openvault.frontend.content.StaticPage;

/**
 * The site's one client of the CMS API ({@code /api/v2/…}): every backend path the site asks for is named here, and
 * each method returns the content records the templates render ({@link ContentReader} reads them from the JSON). The
 * calls of one site request share one {@link Freshness}, which tells the page whether any answer came stale from the
 * cache.
 */
public final class CmsClient {

    private static final String API = "/api/v2/";
    private static final String PAGES = API + "pages/";
    private static final String PAGE_PREVIEW = API + "page_preview/";
    private static final String STATIC_PAGES = API + "static_pages/";
    private static final String REDIRECTS = API + "redirects/";
    private static final String MASTERPIECE = API + "masterpiece/";
    private static final String SERIES = API + "series/";
    private static final String SEARCH = API + "search/";

    private static final Pattern MINISERIES_KEY = Pattern.compile("[a-z0-9]{1,100}");
    // Listings are asked for whole: the index pages show every live page.
    private static final String ALL = "999999";

    private final BackendApi api;
    private final ContentReader reader;

    public CmsClient(BackendApi api, String aapbHost) {
        this.api = api;
        this.reader = new ContentReader(aapbHost);
    }

    /** Every live exhibit or collection, featured first, then the most recently published. */
    public List<PageSummary> listing(Freshness freshness, Kind kind) {
        return ContentReader.summaries(require(freshness, listingPath(kind), "limit", ALL), kind);
    }

    /** {@code count} live exhibits or collections picked at random by the backend. */
    public List<PageSummary> random(Freshness freshness, Kind kind, int count) {
        return ContentReader.summaries(require(freshness, listingPath(kind), "order", "random", "limit",
                Integer.toString(count)), kind);
    }

    /** The live exhibit or collection with this slug; empty when there is none of this kind. */
    public Optional<DetailPage> bySlug(Freshness freshness, Kind kind, String slug) {
        Optional<Integer> id = ContentReader.idOf(require(freshness, PAGES, "slug", slug), kind);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        BackendApi.Answer answer = page(freshness, listingPath(kind) + id.get() + "/");
        if (answer.ok()) {
            return Optional.of(reader.detail(answer.body(), kind));
        }
        if (answer.status() != 404) {
            throw new BackendUnavailableException("Backend answered " + answer.status() + " for page " + id.get());
        }
        return Optional.empty();
    }

    /**
     * An editor's draft from {@code page_preview}, never cached. Empty when the backend refuses the token (expired or
     * unknown); a draft of a type without a preview has a null page.
     */
    public Optional<DetailPage.Draft> preview(Freshness freshness, String contentType, String token) {
        // The id in the path is ignored by the backend; the token ("id=42:…") carries it.
        String id = token.split(":", 2)[0].replace("id=", "");
        if (!id.matches("\\d{1,9}")) {
            id = "0";
        }
        BackendApi.Answer answer = freshness.noted(api.uncached(PAGE_PREVIEW + id + "/",
                "content_type", contentType, "token", token, "format", "json"));
        if (answer.status() >= 400 && answer.status() < 500) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw new BackendUnavailableException("Backend answered " + answer.status() + " for a preview");
        }
        return Optional.of(reader.draft(answer.body(), contentType));
    }

    /** The static page at this site path; empty when there is none or the backend would not say. */
    public Optional<StaticPage> staticPage(Freshness freshness, String path) {
        BackendApi.Answer answer = page(freshness, STATIC_PAGES, "path", path);
        return answer.ok() ? Optional.of(ContentReader.staticPage(answer.body())) : Optional.empty();
    }

    /** Every live static page. */
    public List<StaticPage> staticPages(Freshness freshness) {
        return ContentReader.staticPages(require(freshness, STATIC_PAGES));
    }

    /**
     * Where an old path now lives, if the backend knows it (and it is not the path itself). Kept in the backend as
     * data editors can extend; asked only when a path has no page, so a live page always wins over an old redirect.
     */
    public Optional<Redirect> redirect(Freshness freshness, String path) {
        BackendApi.Answer answer = page(freshness, REDIRECTS, "path", path);
        return answer.ok() ? ContentReader.redirect(answer.body(), path) : Optional.empty();
    }

    /** Every season of the Masterpiece collection. */
    public List<Season> masterpieceSeasons(Freshness freshness) {
        return ContentReader.seasons(require(freshness, MASTERPIECE));
    }

    /** The Masterpiece miniseries with this key; empty when there is none (a key is 1 to 100 a-z and 0-9). */
    public Optional<Miniseries> miniseries(Freshness freshness, String key) {
        if (!MINISERIES_KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        BackendApi.Answer answer = page(freshness, MASTERPIECE + key + "/");
        if (answer.ok()) {
            return Optional.of(ContentReader.miniseries(answer.body()));
        }
        if (answer.status() != 404) {
            throw new BackendUnavailableException("Backend answered " + answer.status() + " for miniseries " + key);
        }
        return Optional.empty();
    }

    /** Every GBH series title, A to Z. */
    public List<SeriesTitle> allSeries(Freshness freshness) {
        return ContentReader.seriesTitles(require(freshness, SERIES, "per_page", "all", "sort", "az"));
    }

    /**
     * One page of the exhibits and collections matching a visitor's query, optionally only of some types or only
     * featured ones. Kept apart from the pages in the cache, so no number of searches can push those out.
     */
    public PageHits search(Freshness freshness, String q, String sort, int perPage, int page,
                           Collection<String> types, boolean featured) {
        List<String> parameters = new ArrayList<>(List.of("q", q, "sort", sort,
                "per_page", Integer.toString(perPage), "page", Integer.toString(page)));
        for (String type : types) {
            parameters.add("type");
            parameters.add(type);
        }
        if (featured) {
            parameters.add("featured");
            parameters.add("true");
        }
        return ContentReader.pageHits(searched(query(freshness, SEARCH, parameters.toArray(String[]::new))));
    }

    /** One page of the GBH series whose titles match a visitor's query; cached like {@link #search}. */
    public SeriesHits searchSeries(Freshness freshness, String q, String sort, int perPage, int page) {
        return ContentReader.seriesHits(searched(query(freshness, SERIES, "q", q, "sort", sort,
                "per_page", Integer.toString(perPage), "page", Integer.toString(page))));
    }

    private BackendApi.Answer page(Freshness freshness, String path, String... nameValuePairs) {
        return freshness.noted(api.page(path, nameValuePairs));
    }

    private BackendApi.Answer query(Freshness freshness, String path, String... nameValuePairs) {
        return freshness.noted(api.query(path, nameValuePairs));
    }

    /** The JSON of a 200 answer; anything else means the backend cannot serve this page now. */
    private JsonNode require(Freshness freshness, String path, String... nameValuePairs) {
        BackendApi.Answer answer = page(freshness, path, nameValuePairs);
        if (!answer.ok()) {
            throw new BackendUnavailableException("Backend answered " + answer.status() + " for " + path);
        }
        return answer.body();
    }

    private static JsonNode searched(BackendApi.Answer answer) {
        if (!answer.ok()) {
            throw new BackendUnavailableException("Search answered " + answer.status());
        }
        return answer.body();
    }

    private static String listingPath(Kind kind) {
        return API + kind.section() + "/";
    }

}
