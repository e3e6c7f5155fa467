package org.openvault.backend.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
import org.openvault.backend.pages.PageRepository;
import org.openvault.backend.responsecache.ContentVersion;

/** Searches {@code search_document} (live exhibits and collections): facets, sorted hits with highlights. */
public final class PageSearchRepository {

    public static final String EXHIBIT = "exhibits.ExhibitPage";
    public static final String COLLECTION = "ov_collections.Collection";

    /** What to search for; {@code types} empty = every type. */
    public record Search(String query, Set<String> types, boolean featuredOnly, SearchSort sort, int page, int perPage) {
    }

    public record Hit(int id, String type, String slug, String title, String titleHtml, String snippetHtml,
                      boolean featured, Integer heroImageId, String lastPublishedAt) {
        Hit withSnippet(String html) {
            return new Hit(id, type, slug, title, titleHtml, html, featured, heroImageId, lastPublishedAt);
        }
    }

    /** {@code typeCounts} ignore the type filter, {@code featuredCount} ignores the featured filter (disjunctive facets). */
    public record Result(long total, Map<String, Long> typeCounts, long featuredCount, List<Hit> hits) {
    }

    /**
     * A tsquery from its text (a parameter), made once per statement: a scalar subquery is an InitPlan, where a
     * bare {@code to_tsquery(?)} (a generic plan cannot fold it) would parse and stem the text again for every row
     * it is tested against: 1 to 1.5 µs each, four times per ranked row.
     */
    private static final String TSQUERY = CompiledQuery.TSQUERY;
    /** ts_headline of {@code search_document s}'s body; parameters: the ranking query, the snippet options. */
    private static final String BODY_HEADLINE = "ts_headline('english', search_headline_source(s.body_text), "
            + TSQUERY + ", ?)";

    /** The documents whose title matches (with the ranking query): the upper tier of {@link #RANK}. */
    static final String TITLE_TIER = "d.title_vector @@ " + TSQUERY;
    /** The cover density of {@code search_document d} (title A, slug B, body C). Parameter: the ranking query. */
    private static final String COVER_DENSITY = "search_rank(d.document, " + TSQUERY + ")";
    /** 0.5 when the title matches the exact query (parameter), which only a title of the upper tier can. */
    private static final String EXACT_TITLE_BONUS = "CASE WHEN " + TITLE_TIER + " THEN 0.5 ELSE 0 END";
    /**
     * What a title match adds to the cover density: 1.0 when the title matches the ranking query, 0.5 more when it
     * matches the exact one. Parameters: the ranking query, the exact query.
     */
    static final String TITLE_BONUS = "CASE WHEN " + TITLE_TIER + " THEN 1.0 ELSE 0 END + " + EXACT_TITLE_BONUS;
    /**
     * Relevance of {@code search_document d}: its cover density ({@code search_rank}: title A, slug B, body C), plus
     * {@link #TITLE_BONUS}. The cover density is below 1 (normalised to r/(r+1)), so every document whose title
     * matches ({@link #TITLE_TIER}) outranks every document whose title does not: the two tiers can be ranked apart
     * (see {@link Tier}). Parameters: the ranking query (twice), the exact query.
     */
    static final String RANK = COVER_DENSITY + " + " + TITLE_BONUS;

    /**
     * Which matches a slice of the relevance order needs ranked. Ranking reads each document's whole tsvector
     * (detoasted and decompressed), or for alternatives of words the lexemes' rows of search_term, the title test
     * only the small title vector: when the slice lies among the title matches (page 1 of a broad query, typically)
     * only those are ranked, when it lies past them only the others, and only a slice across the boundary ranks
     * everything. The order is the same as ranking all.
     */
    enum Tier {
        ALL, TITLE, REST
    }

    private final Sql sql;
    private final ContentVersion versions;
    private volatile BrowseCounts browseCounts;

    public PageSearchRepository(Sql sql, ContentVersion versions) {
        this.sql = sql;
        this.versions = versions;
    }

    /**
     * Browsing (no query) plans freely; a query is compiled and run in one transaction with index scans only,
     * the vocabulary lookup of fuzzy words included (see {@link #indexScansOnly}).
     */
    public Result search(Search search) {
        if (search.query() == null || search.query().isBlank()) {
            return search(sql, CompiledQuery.compile(sql, search.query()), search);
        }
        return sql.inReadOnlyTransaction(tx -> {
            indexScansOnly(tx);
            return search(tx, CompiledQuery.compile(tx, search.query()), search);
        });
    }

    private Result search(Statements db, CompiledQuery query, Search search) {
        long offset = (long) (search.page() - 1) * search.perPage();
        Counts counts = facets(db, query, search);
        List<Hit> hits = List.of();
        if (counts.total() > offset) {
            Tier tier = Tier.ALL;
            long tierOffset = offset;
            Optional<TermScores> terms = Optional.empty();
            if (query.kind() == CompiledQuery.Kind.TEXT && search.sort() == SearchSort.RELEVANCE) {
                if (offset + search.perPage() <= counts.titleTier()) {
                    tier = Tier.TITLE;
                } else if (offset >= counts.titleTier()) {
                    tier = Tier.REST;
                    tierOffset = offset - counts.titleTier();
                }
                terms = rankedByTerms(tier, counts) ? query.terms() : Optional.empty();
            }
            hits = hits(db, query, search, tier, tierOffset, terms);
        }
        return new Result(counts.total(), counts.typeCounts(), counts.featuredCount(), hits);
    }

    /**
     * Whether a tier of the relevance is ranked from search_term (when the query allows, see
     * {@link CompiledQuery#terms()}). That reads every row of the query's lexemes, about as many as the matches
     * before any filter; the tsvectors are read for the tier's documents alone, each some six times dearer (measured
     * at 10,000 pages): a tier of under a sixth of those matches, the title matches of a broad word typically, is
     * cheaper ranked by its tsvectors.
     */
    private static boolean rankedByTerms(Tier tier, Counts counts) {
        long ranked = switch (tier) {
            case TITLE -> counts.titleTier();
            case REST -> counts.total() - counts.titleTier();
            case ALL -> counts.total();
        };
        return ranked * 6 > counts.unfiltered();
    }

    /**
     * The requested slice of the matches in order; ranks are computed only to sort by relevance (ranking reads
     * every match's whole tsvector, or for alternatives of words their rows of search_term), highlights and snippets
     * only for the slice. Body snippets of queries that are alternatives of words are made here from the stored
     * tokens ({@link BodySnippet}), the others by ts_headline.
     */
    private static List<Hit> hits(Statements db, CompiledQuery query, Search search, Tier tier, long offset,
                                  Optional<TermScores> terms) {
        boolean text = query.kind() == CompiledQuery.Kind.TEXT;
        Optional<AlternativeWords> highlighted = text ? query.highlighted() : Optional.empty();
        SqlText sql = new SqlText("SELECT s.page_id, s.type, s.slug, s.title, s.featured, s.hero_image_id, "
                + PageRepository.TS.formatted("s.last_published_at") + ", ");
        if (text) {
            sql.append("ts_headline('english', search_headline_source(s.title), " + TSQUERY + ", ?), ",
                    query.ts().ranking(), Highlight.TITLE_OPTIONS);
        } else {
            sql.append("NULL, ");
        }
        if (highlighted.isPresent()) {
            sql.append("CASE WHEN s.snippet_tokens IS NULL THEN " + BODY_HEADLINE + " END, s.snippet_tokens, "
                    + "CASE WHEN s.snippet_tokens IS NOT NULL THEN s.body_text END, "
                    + "CASE WHEN s.snippet_tokens IS NOT NULL THEN tsvectorsend(s.document) END", query.ts().ranking(),
                    Highlight.SNIPPET_OPTIONS);
        } else if (text) {
            sql.append(BODY_HEADLINE + ", NULL, NULL, NULL", query.ts().ranking(), Highlight.SNIPPET_OPTIONS);
        } else {
            sql.append("left(s.body_text, 2000), NULL, NULL, NULL");
        }
        // The slice carries only what orders it; the rest of a hit's columns are read for the slice's rows alone,
        // so that a browse page deep in the newest-first order walks the index of that order without reading the
        // rows it skips (an index-only scan where the table is vacuumed).
        if (terms.isPresent()) {
            // The matches (title_bonus never null) and their lexemes' rows of search_term (title_bonus null) summed
            // per page in one aggregation, pages without a match row left out, rather than joined: the planner cannot
            // estimate how many rows a tsquery or a range of lexemes has, and for a small estimate it would scan all
            // of one side again for each row of the other (250 ms instead of 2 for 2,900 matches).
            sql.append(" FROM (SELECT x.page_id, max(x.last_published_at) AS last_published_at,"
                    + " search_term_rank(sum(x.score)) + max(x.title_bonus) AS rank FROM (SELECT d.page_id,"
                    + " d.last_published_at, ");
            appendTitleBonus(sql, query, tier);
            sql.append(" AS title_bonus, 0::float8 AS score");
            appendMatches(sql, query, search, tier);
            sql.append(" UNION ALL SELECT t.page_id, NULL, NULL, t.score FROM (");
            terms.get().appendRows(sql);
            sql.append(") t) x GROUP BY x.page_id HAVING count(x.title_bonus) > 0");
        } else {
            sql.append(" FROM (SELECT d.page_id, d.title, d.last_published_at, ");
            if (text && search.sort() == SearchSort.RELEVANCE) {
                sql.append(COVER_DENSITY + " + ", query.ts().ranking());
                appendTitleBonus(sql, query, tier);
            } else {
                sql.append("0");
            }
            sql.append(" AS rank");
            appendMatches(sql, query, search, tier);
        }
        sql.append(" ORDER BY " + search.sort().orderBy() + " LIMIT ? OFFSET ?) h", search.perPage(), offset);
        sql.append(" JOIN search_document s ON s.page_id = h.page_id ORDER BY " + qualified(search.sort()));
        List<Hit> hits = new ArrayList<>();
        for (HitRow row : db.list(sql.toString(), rs -> new HitRow(new Hit(rs.getInt(1), rs.getString(2),
                rs.getString(3), rs.getString(4), Highlight.html(text ? rs.getString(8) : rs.getString(4)), null,
                rs.getBoolean(5), (Integer) rs.getObject(6), rs.getString(7)), rs.getString(9), rs.getBytes(10),
                rs.getString(11), rs.getBytes(12)), sql.params())) {
            String snippet;
            if (!text) {
                snippet = Highlight.opening(row.headline());
            } else if (row.tokens() == null) {
                snippet = Highlight.html(row.headline());
            } else {
                snippet = Highlight.html(BodySnippet.of(row.body(), row.tokens(), row.document(), highlighted.get())
                        .orElseGet(() -> bodyHeadline(db, row.hit().id(), query)));
            }
            hits.add(row.hit().withSnippet(snippet));
        }
        return hits;
    }

    /**
     * {@link #TITLE_BONUS} of {@code search_document d} in a tier, without the title tests the tier has answered: in
     * the upper tier every title matches the ranking query, in the lower none does, nor the exact query (a title
     * with a whole word matches that word as a prefix too). Two tests fewer per ranked match of a deep page.
     */
    private static void appendTitleBonus(SqlText sql, CompiledQuery query, Tier tier) {
        switch (tier) {
            case ALL -> sql.append(TITLE_BONUS, query.ts().ranking(), query.ts().exact());
            case TITLE -> sql.append("1.0 + " + EXACT_TITLE_BONUS, query.ts().exact());
            case REST -> sql.append("0.0");
        }
    }

    /** FROM the matches of a search in a tier of the relevance: {@code search_document d} and its conditions. */
    private static void appendMatches(SqlText sql, CompiledQuery query, Search search, Tier tier) {
        sql.append(" FROM search_document d WHERE ");
        query.appendMatch(sql);
        if (!search.types().isEmpty()) {
            sql.append(" AND d.type = ANY (?)", (Object) search.types().toArray(String[]::new));
        }
        if (search.featuredOnly()) {
            sql.append(" AND d.featured");
        }
        if (tier == Tier.TITLE) {
            sql.append(" AND " + TITLE_TIER, query.ts().ranking());
        } else if (tier == Tier.REST) {
            sql.append(" AND NOT " + TITLE_TIER, query.ts().ranking());
        }
    }

    /** A row of hits: the hit, and for its snippet ts_headline's, or what {@link BodySnippet} makes one from. */
    private record HitRow(Hit hit, String headline, byte[] tokens, String body, byte[] document) {
    }

    /** The snippet by ts_headline, for the rare body whose stored tokens cannot vouch for one. */
    private static String bodyHeadline(Statements db, int pageId, CompiledQuery query) {
        return db.one("SELECT " + BODY_HEADLINE + " FROM search_document s WHERE s.page_id = ?", rs -> rs.getString(1),
                query.ts().ranking(), Highlight.SNIPPET_OPTIONS, pageId).orElse("");
    }

    /**
     * The facet counts, the total, how many of the counted matches are in the title tier of the ranking, and the
     * matches before the type and featured filters.
     */
    private record Counts(long total, Map<String, Long> typeCounts, long featuredCount, long titleTier,
                          long unfiltered) {
    }

    /** The groups the matches are counted in, in the order of {@link #FACET_COUNTS}' columns. */
    private static final List<FacetGroup> GROUPS = List.of(new FacetGroup(EXHIBIT, true),
            new FacetGroup(EXHIBIT, false), new FacetGroup(COLLECTION, true), new FacetGroup(COLLECTION, false));
    private record FacetGroup(String type, boolean featured) {
    }

    /**
     * Per group, the matches and those in the title tier, from a subquery of the matches aliased {@code x} (with
     * {@code exhibit}, {@code featured}, {@code title_tier}; search_document holds exhibits and collections only, so a
     * match that is no exhibit is a collection). Conditional counts instead of GROUP BY: the planner,
     * which cannot estimate how many documents a tsquery parameter matches, would sort every match to group them
     * (a third of the facets' cost for a word in a quarter of the pages).
     */
    private static final String FACET_COUNTS = GROUPS.stream().map(group -> {
        String in = (group.type().equals(EXHIBIT) ? "x.exhibit" : "NOT x.exhibit")
                + (group.featured() ? " AND x.featured" : " AND NOT x.featured");
        return "count(*) FILTER (WHERE " + in + "), count(*) FILTER (WHERE " + in + " AND x.title_tier)";
    }).collect(Collectors.joining(", "));

    /**
     * Facet counts and the total in one pass over the matches: type counts ignore the type filter, the featured
     * count the featured filter. For relevance, also the size of the title tier among the counted matches.
     */
    private Counts facets(Statements db, CompiledQuery query, Search search) {
        long featured = 0;
        long total = 0;
        long titleTier = 0;
        long unfiltered = 0;
        Map<String, Long> typeCounts = new LinkedHashMap<>();
        typeCounts.put(EXHIBIT, 0L);
        typeCounts.put(COLLECTION, 0L);
        for (FacetRow row : facetRows(db, query, search)) {
            boolean typeSelected = search.types().isEmpty() || search.types().contains(row.type());
            unfiltered += row.count();
            if (!search.featuredOnly() || row.featured()) {
                typeCounts.merge(row.type(), row.count(), Long::sum);
            }
            if (typeSelected && row.featured()) {
                featured += row.count();
            }
            if (typeSelected && (!search.featuredOnly() || row.featured())) {
                total += row.count();
                titleTier += row.titleTier();
            }
        }
        return new Counts(total, typeCounts, featured, titleTier, unfiltered);
    }

    /**
     * The matches counted per type and featured flag. Browsing (no query) counts every document the same way
     * whatever the page, order and filters: those counts are kept for the content version they were made at.
     */
    private List<FacetRow> facetRows(Statements db, CompiledQuery query, Search search) {
        if (query.kind() != CompiledQuery.Kind.ALL) {
            return countFacets(db, query, search);
        }
        // Read before counting: what is kept under this version is at least as new as the version.
        long version = versions.forThisRendering();
        BrowseCounts kept = browseCounts;
        if (kept != null && kept.version() == version) {
            return kept.rows();
        }
        List<FacetRow> rows = countFacets(db, query, search);
        browseCounts = new BrowseCounts(version, rows);
        return rows;
    }

    private static List<FacetRow> countFacets(Statements db, CompiledQuery query, Search search) {
        SqlText sql = new SqlText("SELECT " + FACET_COUNTS + " FROM (SELECT ");
        sql.append("d.type = ? AS exhibit, d.featured, ", EXHIBIT);
        if (query.kind() == CompiledQuery.Kind.TEXT && search.sort() == SearchSort.RELEVANCE) {
            sql.append(TITLE_TIER, query.ts().ranking());
        } else {
            sql.append("false");
        }
        sql.append(" AS title_tier FROM search_document d WHERE ");
        query.appendMatch(sql);
        // OFFSET 0 keeps the subquery whole, so that the title test runs once per match, not once per count
        sql.append(" OFFSET 0) x");
        return db.one(sql.toString(), rs -> {
            List<FacetRow> rows = new ArrayList<>();
            for (int i = 0; i < GROUPS.size(); i++) {
                rows.add(new FacetRow(GROUPS.get(i).type(), GROUPS.get(i).featured(), rs.getLong(2 * i + 1),
                        rs.getLong(2 * i + 2)));
            }
            return rows;
        }, sql.params()).orElseThrow();
    }

    /** One group of the facet counts: matches of a type and featured flag, and how many are in the title tier. */
    private record FacetRow(String type, boolean featured, long count, long titleTier) {
    }

    /** The counts of browsing, and the content version they were made at. */
    private record BrowseCounts(long version, List<FacetRow> rows) {
    }

    /**
     * For a word found in a quarter of the pages the planner prefers a sequential scan, which decompresses every
     * page's tsvector to test it (5x slower than the GIN index at 10,000 pages). The generic plan of the fuzzy
     * words' vocabulary lookup turns to a sequential scan too once {@code search_word} has been analysed, computing
     * the trigram similarity of every word (50 ms of CPU per fuzzy word at 11,000 words instead of under 1 ms by
     * the trigram index). SET LOCAL: the setting ends with the transaction, so the pooled connection goes back as
     * it was.
     */
    private static void indexScansOnly(Statements tx) {
        tx.update("SET LOCAL enable_seqscan = off");
    }

    private static String qualified(SearchSort sort) {
        return sort.orderBy().replace("lower(title)", "lower(h.title)").replace("rank", "h.rank")
                .replace("last_published_at", "h.last_published_at").replace("page_id", "h.page_id");
    }
}
