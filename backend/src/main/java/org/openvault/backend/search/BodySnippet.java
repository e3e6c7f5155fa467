package org.openvault.backend.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A hit's body snippet exactly as {@code ts_headline('english', body, query, Highlight.SNIPPET_OPTIONS)} makes it,
 * computed here rather than by PostgreSQL, which parses and stems the whole body for it (a third of a millisecond
 * per hit, most of a search's cost). It takes what the index stored when the page was indexed: the body's tokens as
 * the default text-search parser cuts them ({@code search_document.snippet_tokens}: type, whether the configuration
 * gives it a position, length) and the document's tsvector, whose body positions tell which tokens match the query.
 * Then it selects words as PostgreSQL's headline selector for {@code MaxFragments=0} does (wparser_def.c,
 * mark_hl_words and generateHeadline), for ranking queries that are alternatives of words ({@link AlternativeWords}),
 * where every matching word is a cover on its own. It answers empty when the stored data cannot vouch for the
 * result (a lexeme at its 255 stored positions, positions at their limit, tokens that do not add up to the body):
 * the caller then asks PostgreSQL.
 */
final class BodySnippet {

    // The default parser's token types (wparser_def.c) that the headline selector treats apart.
    private static final int URL = 5;
    private static final int SCIENTIFIC = 7;
    private static final int VERSION_NUMBER = 8;
    private static final int SPACE = 12;
    private static final int TAG = 13;
    private static final int PROTOCOL = 14;
    private static final int NUM_HYPHENATED = 15;
    private static final int ASCII_HYPHENATED = 16;
    private static final int HYPHENATED = 17;
    private static final int DECIMAL = 20;
    private static final int SIGNED_INT = 21;
    private static final int UNSIGNED_INT = 22;
    private static final int ENTITY = 23;
    /** The most positions a tsvector keeps of one lexeme (fewer than MAXNUMPOS, 256), and its highest position. */
    private static final int MAX_POSITIONS = 255;
    private static final int MAX_POSITION = 16383;

    /** One token of the body, or a repetition of a matching one for each further query word it matches. */
    private record Word(int type, int start, int end, int bytes, boolean item, boolean repeated) {
    }

    private final String body;
    private final List<Word> words;

    private BodySnippet(String body, List<Word> words) {
        this.body = body;
        this.words = words;
    }

    /**
     * The snippet of {@code body} for {@code query}, with {@link Highlight#START}/{@link Highlight#STOP} around the
     * matching words, as ts_headline writes it; empty when PostgreSQL must be asked instead.
     *
     * @param tokens   {@code search_document.snippet_tokens}
     * @param document {@code search_document.document} (title A, slug B, body C), binary ({@link TsVectorBinary})
     */
    static Optional<String> of(String body, byte[] tokens, byte[] document, AlternativeWords query) {
        // the document positions of the matching words in the body, and how many query words each matches
        int[] matchPositions = new int[16];
        int[] matchCounts = new int[16];
        int found = 0;
        int shift = 0;
        TsVectorBinary lexeme = new TsVectorBinary(document);
        while (lexeme.next()) {
            int positions = lexeme.positionCount();
            // A lexeme's positions are in order, and the title's (A) and slug's (B) come before the body's (C)
            for (int k = 0; k < positions && lexeme.weight(k) < 'C'; k++) {
                shift = Math.max(shift, lexeme.position(k));
            }
            int matches = query.matches(lexeme.data(), lexeme.lexemeStart(), lexeme.lexemeEnd());
            if (matches == 0) {
                continue;
            }
            if (positions >= MAX_POSITIONS) {
                return Optional.empty(); // later positions of the lexeme were not kept
            }
            for (int k = 0; k < positions; k++) {
                if (lexeme.position(k) >= MAX_POSITION) {
                    return Optional.empty();
                }
                if (lexeme.weight(k) == 'C') {
                    if (found == matchPositions.length) {
                        matchPositions = Arrays.copyOf(matchPositions, 2 * found);
                        matchCounts = Arrays.copyOf(matchCounts, 2 * found);
                    }
                    matchPositions[found] = lexeme.position(k);
                    matchCounts[found++] = matches;
                }
            }
        }
        // The body's positions follow the title's and slug's in the document; the body's first is 1.
        int last = 0;
        for (int i = 0; i < found; i++) {
            last = Math.max(last, matchPositions[i] - shift);
        }
        int[] matchesAt = new int[last + 1];
        int matchingPositions = 0;
        for (int i = 0; i < found; i++) {
            int at = matchPositions[i] - shift;
            if (at < 1) {
                return Optional.empty();
            }
            matchingPositions += matchesAt[at] == 0 ? 1 : 0;
            matchesAt[at] += matchCounts[i];
        }
        List<Word> words = words(body, tokens, matchesAt, matchingPositions, shift);
        return words == null ? Optional.empty() : Optional.of(new BodySnippet(body, words).headline());
    }

    /**
     * The headline words of the body as ts_headline's parsing lists them (hlparsetext): each token, and after a token
     * matching several query words one repetition per further word. Null when the tokens do not fit the body.
     */
    private static List<Word> words(String body, byte[] tokens, int[] matchesAt, int matchingPositions, int shift) {
        List<Word> words = new ArrayList<>(tokens.length);
        // The tokens' lengths count characters (code points): without surrogate pairs each is one char of the String.
        boolean oneCharEach = body.codePointCount(0, body.length()) == body.length();
        int offset = 0;
        int position = 0;
        int items = 0;
        int i = 0;
        while (i < tokens.length) {
            int type = tokens[i] & 31;
            boolean positioned = (tokens[i] & 32) != 0;
            boolean longer = i + 1 < tokens.length && (tokens[i + 1] & 128) != 0;
            if (i + (longer ? 2 : 1) >= tokens.length) {
                return null;
            }
            int length = (tokens[i + 1] & 127) + (longer ? (tokens[i + 2] & 255) << 7 : 0);
            i += longer ? 3 : 2;
            int start = offset;
            int end = start;
            if (!skipped(type)) {
                if (oneCharEach) {
                    end = start + length;
                    if (end > body.length()) {
                        return null;
                    }
                } else {
                    for (int k = 0; k < length; k++) {
                        if (end >= body.length()) {
                            return null;
                        }
                        end += Character.charCount(body.codePointAt(end));
                    }
                }
                offset = end;
            }
            // (only whether it is at most ShortWord bytes long matters)
            int bytes = end - start > 2 ? end - start : utf8Length(body, start, end);
            int matches = 0;
            if (positioned) {
                position++;
                matches = position < matchesAt.length ? matchesAt[position] : 0;
            }
            words.add(new Word(type, start, end, bytes, matches > 0, false));
            for (int k = 1; k < matches; k++) {
                words.add(new Word(type, start, end, bytes, true, true));
            }
            items += matches > 0 ? 1 : 0;
        }
        // The tokens must cover the body exactly, and every matching position must be one of theirs.
        if (offset != body.length() || position + shift >= MAX_POSITION || items != matchingPositions) {
            return null;
        }
        return words;
    }

    /** How many bytes {@code s[start, end)} takes in UTF-8. */
    private static int utf8Length(String s, int start, int end) {
        int bytes = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            // each half of a surrogate pair counts two of its four bytes
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** The headline: the best cover's words, matches marked (mark_hl_words and generateHeadline). */
    private String headline() {
        int bestb = -1;
        int beste = -1;
        int bestlen = -1;
        boolean bestcover = false;
        for (int p = firstItem(0); p >= 0; p = firstItem(p + 1)) {
            // Any one matching word satisfies the query: each is a cover (p = q) of its own.
            int q = p;
            int curlen = 0;
            int poslen = 0;
            int posb = p;
            int pose = p;
            int i;
            for (i = p; i <= q && curlen < Highlight.SNIPPET_MAX_WORDS; i++) {
                if (!nonWord(i)) {
                    curlen++;
                }
                if (interesting(i)) {
                    poslen++;
                }
                pose = i;
            }
            if (curlen < Highlight.SNIPPET_MAX_WORDS) {
                for (i = i - 1; i < words.size() && curlen < Highlight.SNIPPET_MAX_WORDS; i++) {
                    if (i > q) {
                        if (!nonWord(i)) {
                            curlen++;
                        }
                        if (interesting(i)) {
                            poslen++;
                        }
                    }
                    pose = i;
                    if (badEndpoint(i)) {
                        continue;
                    }
                    if (curlen >= Highlight.SNIPPET_MIN_WORDS) {
                        break;
                    }
                }
                if (curlen < Highlight.SNIPPET_MIN_WORDS) {
                    for (i = p - 1; i >= 0; i--) {
                        if (!nonWord(i)) {
                            curlen++;
                        }
                        if (interesting(i)) {
                            poslen++;
                        }
                        if (curlen >= Highlight.SNIPPET_MAX_WORDS) {
                            break;
                        }
                        if (badEndpoint(i)) {
                            continue;
                        }
                        if (curlen >= Highlight.SNIPPET_MIN_WORDS) {
                            break;
                        }
                    }
                    posb = Math.max(i, 0);
                }
            } else {
                if (i > q) {
                    i = q;
                }
                for (; curlen > Highlight.SNIPPET_MIN_WORDS; i--) {
                    if (!badEndpoint(i)) {
                        break;
                    }
                    if (!nonWord(i)) {
                        curlen--;
                    }
                    if (interesting(i)) {
                        poslen--;
                    }
                    pose = i - 1;
                }
            }
            boolean poscover = posb <= p && pose >= q;
            if ((poscover && !bestcover) || (poscover == bestcover && poslen > bestlen)
                    || (poscover == bestcover && poslen == bestlen && !badEndpoint(pose) && badEndpoint(beste))) {
                bestb = posb;
                beste = pose;
                bestlen = poslen;
                bestcover = poscover;
            }
        }
        if (bestlen < 0) {
            // nothing matches in the body: its first words
            int curlen = 0;
            int pose = -1;
            for (int i = 0; i < words.size() && curlen < Highlight.SNIPPET_MIN_WORDS; i++) {
                if (!nonWord(i)) {
                    curlen++;
                }
                pose = i;
            }
            bestb = 0;
            beste = pose;
        }
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(bestb, 0); i <= beste; i++) {
            Word word = words.get(i);
            if (word.repeated()) {
                continue;
            }
            if (word.type() == TAG) {
                out.append(' ');
            } else if (!skipped(word.type())) {
                if (word.item()) {
                    out.append(Highlight.START);
                }
                out.append(body, word.start(), word.end());
                if (word.item()) {
                    out.append(Highlight.STOP);
                }
            }
        }
        return out.toString();
    }

    private int firstItem(int from) {
        for (int i = from; i < words.size(); i++) {
            if (words.get(i).item()) {
                return i;
            }
        }
        return -1;
    }

    /** INTERESTINGWORD: a matching word, counted once. */
    private boolean interesting(int i) {
        return words.get(i).item() && !words.get(i).repeated();
    }

    /** NONWORDTOKEN: not counted as a word of the snippet. */
    private boolean nonWord(int i) {
        int type = words.get(i).type();
        return type == SPACE || type == TAG || skipped(type);
    }

    /** BADENDPOINT: a snippet should not end here, unless it is a matching word. */
    private boolean badEndpoint(int i) {
        Word word = words.get(i);
        int type = word.type();
        boolean noEnd = nonWord(i) || type == SCIENTIFIC || type == VERSION_NUMBER || type == DECIMAL
                || type == SIGNED_INT || type == UNSIGNED_INT || type == PROTOCOL || type == ENTITY;
        return (noEnd || word.bytes() <= Highlight.SNIPPET_SHORT_WORD) && !interesting(i);
    }

    /**
     * A compound (URL, hyphenated word), whose parts follow it as tokens of their own: it takes no text of its own
     * (the offset stays for its parts) and is left out of the output (HLIDSKIP).
     */
    private static boolean skipped(int type) {
        return type == URL || type == NUM_HYPHENATED || type == ASCII_HYPHENATED || type == HYPHENATED;
    }
}
