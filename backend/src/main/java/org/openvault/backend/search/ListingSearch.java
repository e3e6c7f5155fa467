package org.openvault.backend.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openvault.backend.api.ApiException;
import org.openvault.backend.api.ListingParameters;

/**
 * {@code ?search=} on the Wagtail-style listings (/api/v2/pages/, /exhibits/, /collections/):
 * the same index and query syntax as /api/v2/search/, as a condition on the listing's {@code page p} and a
 * relevance order (used when no {@code order} is given). Needs no database round trip (no fuzzy expansion:
 * {@code word~} matches the word itself here). Pages outside the index (home, drafts) are never found.
 * <p>
 * Ranking reads each match's whole tsvector, so a relevance-ordered listing cuts its slice from one of the two
 * tiers of the ranking when it can (see {@link PageSearchRepository.Tier}): {@link #titleTier()} selects the
 * matches whose title matches, which all rank above {@link #restTier()}, the others.
 *
 * @param all       every match: a condition on {@code p}
 * @param titleTier the matches whose title matches, or null when nothing can match
 * @param restTier  the other matches, or null when nothing can match
 * @param order     SQL ORDER BY, most relevant first
 * @param counts    {@link #counts}' query without its type filter, or null when nothing can match
 */
public record ListingSearch(Condition all, Condition titleTier, Condition restTier, Condition order,
                            Condition counts) {

    /** SQL and its parameters, in order. */
    public record Condition(String sql, Object... params) {
    }

    private static final String MATCHES = matches("d.page_id");
    private static final String STOP_WORDS = stopWords("d.page_id");
    private static final String WHERE = "p.id IN (" + MATCHES + STOP_WORDS + ")";
    private static final String TITLE_WHERE = "p.id IN (" + MATCHES + " AND " + PageSearchRepository.TITLE_TIER + ")";
    private static final String REST_WHERE = "p.id IN (" + MATCHES + " AND NOT " + PageSearchRepository.TITLE_TIER
            + STOP_WORDS + ")";
    private static final String ORDER = "(SELECT " + PageSearchRepository.RANK
            + " FROM search_document d WHERE d.page_id = p.id) DESC NULLS LAST, p.id";
    /** The matches and those of the title tier, each with its page type (m.type), read from the index alone. */
    private static final String COUNTS = "SELECT count(*), count(*) FILTER (WHERE m.title_tier) FROM ("
            + matches("d.type, " + PageSearchRepository.TITLE_TIER + " AS title_tier")
            + stopWords("d.type, false") + ") m";

    /** The documents the tsquery (a parameter) matches, with {@code columns} of each. */
    private static String matches(String columns) {
        return "SELECT " + columns + " FROM search_document d WHERE d.document @@ " + CompiledQuery.TSQUERY;
    }

    /**
     * Only stop words ("the"): a title substring match, like /api/v2/search/ (UNION keeps the GIN index usable);
     * such a query has no lexeme, so no title matches it for the ranking: these are all in the lower tier.
     * Parameters: the tsquery, the LIKE pattern.
     */
    private static String stopWords(String columns) {
        return " UNION ALL SELECT " + columns + " FROM search_document d WHERE numnode(" + CompiledQuery.TSQUERY
                + ") = 0 AND lower(d.title) LIKE ?";
    }

    /**
     * The fields a search can be filtered and ordered by (Page's id, title, show_in_menus, first/last_published_at,
     * …, and featured on exhibits and collections); any other field with {@code ?search=} answers 400. slug is
     * searched as text but is no filter, so {@code ?search=x&slug=y} is refused.
     */
    private static final Set<String> INDEXED = Set.of("id", "title", "show_in_menus", "first_published_at",
            "last_published_at", "featured", "live", "owner", "content_type", "path", "depth", "locked",
            "latest_revision_created_at", "locale", "translation_key");
    /** Django's attribute names of foreign keys, which Wagtail's "cannot filter by" message names. */
    private static final Map<String, String> ATTNAMES = Map.of("alias_of", "alias_of_id",
            "cover_image", "cover_image_id", "hero_image", "hero_image_id", "owner", "owner_id",
            "content_type", "content_type_id", "locale", "locale_id");

    /**
     * The checks Wagtail's search backend makes before searching: every field filter of the request
     * ({@code filtered}, in query-string order) and, when {@code order} is given, every order key must be an
     * indexed field. Random order is {@code order_by('?')} in Django, which the backend refuses by that name.
     */
    public static void checkIndexed(List<String> filtered, List<ListingParameters.OrderKey> order) {
        for (String field : filtered) {
            if (!INDEXED.contains(field)) {
                throw ApiException.badRequest("cannot filter by '" + ATTNAMES.getOrDefault(field, field)
                        + "' while searching (field is not indexed)");
            }
        }
        if (order == null) {
            return;
        }
        if (order.isEmpty()) {
            throw ApiException.badRequest("cannot order by '?' while searching (field is not indexed)");
        }
        for (ListingParameters.OrderKey key : order) {
            if (!INDEXED.contains(key.field())) {
                throw ApiException.badRequest("cannot order by '" + key.field() + "' while searching (field is not indexed)");
            }
        }
    }

    /** {@code allWords}: {@code search_operator=and}, words joined by whitespace must all match. */
    public static ListingSearch of(String text, boolean allWords) {
        Optional<SearchQuery> parsed;
        try {
            parsed = SearchQueryParser.parse(text, allWords);
        } catch (RuntimeException e) {
            parsed = SearchQueryParser.plain(text);
        }
        if (parsed.isEmpty()) {
            return new ListingSearch(new Condition("false"), null, null, new Condition("p.id"), null);
        }
        TsQueryText ts = TsQueryText.of(parsed.get(), Map.of());
        String like = "%" + CompiledQuery.likeEscape(String.join(" ", SearchQueryParser.words(text))
                .toLowerCase(Locale.ROOT)) + "%";
        return new ListingSearch(new Condition(WHERE, ts.match(), ts.match(), like),
                new Condition(TITLE_WHERE, ts.match(), ts.ranking()),
                new Condition(REST_WHERE, ts.match(), ts.ranking(), ts.match(), like),
                new Condition(ORDER, ts.ranking(), ts.ranking(), ts.exact()),
                new Condition(COUNTS, ts.ranking(), ts.match(), ts.match(), like));
    }

    /**
     * A query of the two counts of a relevance-ordered listing (its matches, and those in the title tier) for a
     * listing selected by its page types alone ({@code types}; null: every type): every document of the index is a
     * live page of the site, and only such pages match, so the index alone can count them, without looking up each
     * match's page row (5,158 lookups, 10 ms, for two words in half the pages). Null when nothing can match.
     */
    public Condition counts(String[] types) {
        if (counts == null || types == null) {
            return counts;
        }
        Object[] params = Arrays.copyOf(counts.params(), counts.params().length + 1);
        params[params.length - 1] = types;
        return new Condition(counts.sql() + " WHERE m.type = ANY (?)", params);
    }
}
