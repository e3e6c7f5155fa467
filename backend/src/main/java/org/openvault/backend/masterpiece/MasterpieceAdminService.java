package org.openvault.backend.masterpiece;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminJson;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.admin.JsonFields;
import org.openvault.backend.admin.Paging;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.auth.Authenticator;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
import org.openvault.backend.validation.ValidationException;
import org.openvault.backend.validation.Violations;

/**
 * {@code /api/admin/v1/masterpiece}: editors keep the Alistair Cooke Masterpiece Theatre collection (the site's
 * {@code /collections/masterpiece} season browser and {@code /miniseries/{key}} pages). Seasons: list, create or
 * change their years (editors), delete an empty one (moderators; 409 {@code season_in_use} while it has
 * miniseries). Miniseries: list and search, create and replace (editors), delete (moderators). No drafts: a change is
 * in the public API ({@code /api/v2/masterpiece/}) at once, both tables advancing content_version. A miniseries'
 * {@code ETag} is a hash of its row (the tables have no {@code updated_at}); replacing or deleting one needs it in
 * {@code If-Match} (428 without, 412 when the row changed meanwhile). Its key is its URL and AAPB special-collection
 * name: given, or made from the title as the collection's keys were made, and never changed afterwards.
 */
public final class MasterpieceAdminService implements HttpService {

    public static final String SEASON_SUBJECT = "masterpiece_season";
    public static final String MINISERIES_SUBJECT = "masterpiece_miniseries";
    /** Season numbers editors may use; Alistair Cooke introduced 1 to 21. */
    public static final int MAX_SEASON = 1000;
    // The limits of the CHECK constraints of V32.
    public static final int MAX_KEY = 100;
    public static final int MAX_TITLE = 255;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_YEARS = 40;
    public static final int MAX_SORT_ORDER = 1_000_000;

    private static final Set<String> SEASON_FIELDS = Set.of("years");
    private static final Set<String> MINISERIES_FIELDS = Set.of("key", "season_number", "title", "description",
            "broadcast_date", "sort_order");
    private static final Pattern KEY = Pattern.compile("[a-z0-9]+");
    private static final Pattern LEADING_ARTICLE = Pattern.compile("^(The|A|An)\\s+(.+)$", Pattern.DOTALL);
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    // HTML a description would show as written: a tag, a comment or an entity (the site escapes the text).
    private static final Pattern MARKUP = Pattern.compile(
            "<[A-Za-z/!?]|&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);");

    private final Sql sql;
    private final MasterpieceEdits edits;
    private final Authenticator authenticator;
    private final AuditLog audit;

    public MasterpieceAdminService(Sql sql, MasterpieceEdits edits, Authenticator authenticator, AuditLog audit) {
        this.sql = sql;
        this.edits = edits;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/seasons/", authenticator.secured(Permission.READ_CONTENT, this::listSeasons))
                .get("/seasons/{number}", authenticator.secured(Permission.READ_CONTENT, this::showSeason))
                .put("/seasons/{number}", authenticator.secured(Permission.EDIT_PAGES, this::putSeason))
                .delete("/seasons/{number}", authenticator.secured(Permission.DELETE_CONTENT, this::deleteSeason))
                .get("/miniseries/", authenticator.secured(Permission.READ_CONTENT, this::list))
                .post("/miniseries/", authenticator.secured(Permission.EDIT_PAGES, this::create))
                .get("/miniseries/{key}", authenticator.secured(Permission.READ_CONTENT, this::show))
                .put("/miniseries/{key}", authenticator.secured(Permission.EDIT_PAGES, this::update))
                .delete("/miniseries/{key}", authenticator.secured(Permission.DELETE_CONTENT, this::delete));
    }

    /**
     * The key the collection gives a miniseries of this title: a leading "The", "A" or "An" moved to the end,
     * accents dropped (ß, æ, œ, ø spelt out), lower case, only letters a-z and digits kept ('The First Churchills'
     * becomes 'firstchurchillsthe', 'I, Claudius' 'iclaudius', 'Père Goriot' 'peregoriot'). May be empty.
     */
    public static String keyFor(String title) {
        String reordered = LEADING_ARTICLE.matcher(title.strip()).replaceFirst("$2 $1");
        String plain = Normalizer.normalize(reordered, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").replace("ø", "o");
        return plain.replaceAll("[^a-z0-9]", "");
    }

    // ----- seasons

    private void listSeasons(Caller caller, ServerRequest req, ServerResponse res) {
        var items = edits.seasons(sql).stream().map(MasterpieceEdits.EditedSeason::json).toList();
        AdminJson.send(res, Status.OK_200, Map.of("items", items));
    }

    private void showSeason(Caller caller, ServerRequest req, ServerResponse res) {
        int number = number(req);
        AdminJson.send(res, Status.OK_200, edits.season(sql, number)
                .orElseThrow(() -> noSuchSeason(number)).json());
    }

    /** Creates the season (201) or sets its years (200). */
    private void putSeason(Caller caller, ServerRequest req, ServerResponse res) {
        int number = number(req);
        ObjectNode body = AdminJson.readObject(req);
        Violations violations = new Violations();
        JsonFields.onlyKnown(body, "", SEASON_FIELDS, violations);
        String years = JsonFields.text(body, "", "years", "", Integer.MAX_VALUE, true, violations).strip();
        checkLine("/years", "years", years, MAX_YEARS, violations);
        violations.throwIfAny();
        record Saved(boolean created, MasterpieceEdits.EditedSeason season) {
        }
        Saved saved = sql.inTransaction(tx -> {
            String previous = edits.lockSeason(tx, number, false).orElse(null);
            boolean created = edits.putSeason(tx, number, years);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("created", created);
            details.put("years", years);
            if (previous != null) {
                details.put("previous_years", previous);
            }
            audit.record(tx, caller, "masterpiece.season.update", seasonSubject(number), details);
            return new Saved(created, edits.season(tx, number).orElseThrow());
        });
        if (saved.created()) {
            res.header(HeaderNames.LOCATION, "/api/admin/v1/masterpiece/seasons/" + number);
        }
        AdminJson.send(res, saved.created() ? Status.CREATED_201 : Status.OK_200, saved.season().json());
    }

    private void deleteSeason(Caller caller, ServerRequest req, ServerResponse res) {
        int number = number(req);
        sql.inTransaction(tx -> {
            // Locked as a delete: a miniseries being added to the season meanwhile is waited for, then counted.
            String years = edits.lockSeason(tx, number, true).orElseThrow(() -> noSuchSeason(number));
            long miniseries = edits.miniseriesOfSeason(tx, number);
            if (miniseries > 0) {
                throw AdminProblem.conflict("season_in_use", "season " + number + " has " + miniseries
                                + " miniseries; move them to another season or delete them first")
                        .with("miniseries_count", miniseries);
            }
            edits.deleteSeason(tx, number);
            audit.record(tx, caller, "masterpiece.season.delete", seasonSubject(number), Map.of("years", years));
            return null;
        });
        res.status(Status.NO_CONTENT_204).send();
    }

    // ----- miniseries

    private void list(Caller caller, ServerRequest req, ServerResponse res) {
        Paging paging = Paging.of(req.query());
        Integer season = req.query().contains("season") ? seasonNumber(req.query().get("season"), "season") : null;
        String search = req.query().contains("search") ? req.query().get("search") : null;
        var items = edits.list(sql, season, search, paging.limit(), paging.offset()).stream()
                .map(MasterpieceEdits.EditedMiniseries::json).toList();
        AdminJson.send(res, Status.OK_200, Map.of("items", items, "limit", paging.limit(), "offset", paging.offset()));
    }

    private void show(Caller caller, ServerRequest req, ServerResponse res) {
        String key = key(req);
        send(res, Status.OK_200, edits.find(sql, key).orElseThrow(MasterpieceAdminService::noSuchMiniseries));
    }

    private void create(Caller caller, ServerRequest req, ServerResponse res) {
        ObjectNode body = AdminJson.readObject(req);
        MasterpieceEdits.EditedMiniseries created = sql.inTransaction(tx -> {
            MasterpieceEdits.EditedMiniseries fields = fields(tx, body, null);
            if (!edits.insert(tx, fields)) {
                // Another editor took the key since fields() looked.
                throw taken(fields.key());
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("season_number", fields.seasonNumber());
            details.put("title", fields.title());
            audit.record(tx, caller, "masterpiece.miniseries.create", miniseriesSubject(fields), details);
            return edits.find(tx, fields.key()).orElseThrow();
        });
        res.header(HeaderNames.LOCATION, "/api/admin/v1/masterpiece/miniseries/" + created.key());
        send(res, Status.CREATED_201, created);
    }

    /** Replaces season, title, description, broadcast date and sort order; the key stays. */
    private void update(Caller caller, ServerRequest req, ServerResponse res) {
        String key = key(req);
        ObjectNode body = AdminJson.readObject(req);
        String ifMatch = ifMatch(req);
        MasterpieceEdits.EditedMiniseries updated = sql.inTransaction(tx -> {
            MasterpieceEdits.EditedMiniseries current = lockForWrite(tx, key, ifMatch);
            MasterpieceEdits.EditedMiniseries fields = fields(tx, body, current);
            List<String> changed = new ArrayList<>();
            if (fields.seasonNumber() != current.seasonNumber()) {
                changed.add("season_number");
            }
            if (!fields.title().equals(current.title())) {
                changed.add("title");
            }
            if (!Objects.equals(fields.description(), current.description())) {
                changed.add("description");
            }
            if (!Objects.equals(fields.broadcastDate(), current.broadcastDate())) {
                changed.add("broadcast_date");
            }
            if (fields.sortOrder() != current.sortOrder()) {
                changed.add("sort_order");
            }
            edits.update(tx, fields);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("changed", changed);
            if (changed.contains("season_number")) {
                details.put("previous_season_number", current.seasonNumber());
            }
            if (changed.contains("title")) {
                details.put("previous_title", current.title());
            }
            audit.record(tx, caller, "masterpiece.miniseries.update", miniseriesSubject(fields), details);
            return edits.find(tx, key).orElseThrow();
        });
        send(res, Status.OK_200, updated);
    }

    private void delete(Caller caller, ServerRequest req, ServerResponse res) {
        String key = key(req);
        String ifMatch = ifMatch(req);
        sql.inTransaction(tx -> {
            MasterpieceEdits.EditedMiniseries current = lockForWrite(tx, key, ifMatch);
            edits.delete(tx, key);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("season_number", current.seasonNumber());
            details.put("broadcast_date", current.broadcastDate());
            audit.record(tx, caller, "masterpiece.miniseries.delete", miniseriesSubject(current), details);
            return null;
        });
        res.status(Status.NO_CONTENT_204).send();
    }

    /**
     * The fields of a miniseries as checked from a request body; {@code current} is the miniseries being replaced,
     * null for a new one. Every problem is collected, each at its JSON pointer.
     */
    private MasterpieceEdits.EditedMiniseries fields(Statements tx, ObjectNode body,
                                                     MasterpieceEdits.EditedMiniseries current) {
        Violations violations = new Violations();
        JsonFields.onlyKnown(body, "", MINISERIES_FIELDS, violations);

        String title = JsonFields.text(body, "", "title", "", Integer.MAX_VALUE, true, violations).strip();
        boolean titleOk = !title.isEmpty() && checkLine("/title", "title", title, MAX_TITLE, violations);
        if (titleOk && MARKUP.matcher(title).find()) {
            violations.add("/title", "not_plain_text", "title is plain text: HTML tags and entities would show as"
                    + " written");
        }

        String key = current == null ? newKey(tx, body, title, titleOk, violations) : current.key();
        if (current != null) {
            JsonNode given = body.get("key");
            if (given != null && !given.isNull() && !(given.isTextual() && given.asText().equals(current.key()))) {
                violations.add("/key", "rename_not_allowed", "the key of a miniseries is its address on the site"
                        + " and in the American Archive; it cannot be changed (create a new miniseries instead)");
            }
        }

        Long season = JsonFields.integer(body, "", "season_number", null, 1, MAX_SEASON, violations);
        JsonNode seasonGiven = body.get("season_number");
        if (seasonGiven == null || seasonGiven.isNull()) {
            violations.add("/season_number", "required", "season_number is required");
        } else if (season != null && !edits.seasonExists(tx, season.intValue())) {
            violations.add("/season_number", "unknown_season", "there is no season " + season
                    + "; create it first (PUT /api/admin/v1/masterpiece/seasons/" + season + ")");
        }

        String description = description(body, violations);
        String broadcastDate = broadcastDate(body, violations);
        Long sortOrder = JsonFields.integer(body, "", "sort_order", null, 0, MAX_SORT_ORDER, violations);
        violations.throwIfAny();

        int seasonNumber = season.intValue();
        int order;
        if (sortOrder != null) {
            order = sortOrder.intValue();
        } else if (current != null && current.seasonNumber() == seasonNumber) {
            order = current.sortOrder();
        } else {
            order = edits.nextSortOrder(tx, seasonNumber);
        }
        return new MasterpieceEdits.EditedMiniseries(key, seasonNumber, title, description, broadcastDate, order);
    }

    /** The key of a new miniseries: the one given, or one made from the title; it must be free. */
    private String newKey(Statements tx, ObjectNode body, String title, boolean titleOk, Violations violations) {
        JsonNode given = body.get("key");
        String key;
        if (given == null || given.isNull() || (given.isTextual() && given.asText().isBlank())) {
            if (!titleOk) {
                return "";
            }
            key = keyFor(title);
            if (key.isEmpty()) {
                violations.add("/key", "required", "no key can be made from this title (it has no letters a-z or"
                        + " digits); give one");
                return key;
            }
            if (key.length() > MAX_KEY) {
                violations.add("/key", "too_long", "the key made from the title (" + key + ") is longer than "
                        + MAX_KEY + " characters; give a shorter one");
                return key;
            }
        } else if (!given.isTextual()) {
            violations.add("/key", "not_string", "key must be a string");
            return "";
        } else {
            key = given.asText();
            if (key.length() > MAX_KEY) {
                violations.add("/key", "too_long", "key is longer than " + MAX_KEY + " characters");
                return key;
            }
            if (!KEY.matcher(key).matches()) {
                violations.add("/key", "invalid_key", "a key has only lower-case letters a-z and digits"
                        + " (suggested from the title: " + keyFor(title) + ")");
                return key;
            }
        }
        if (edits.find(tx, key).isPresent()) {
            violations.add("/key", "taken", taken(key).getMessage());
        }
        return key;
    }

    /** Plain text or null: surrounding white space stripped, empty is null (the site then says none is written). */
    private static String description(ObjectNode body, Violations violations) {
        String text = JsonFields.text(body, "", "description", null, Integer.MAX_VALUE, false, violations);
        if (text == null) {
            return null;
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > MAX_DESCRIPTION) {
            violations.add("/description", "too_long", "description is longer than " + MAX_DESCRIPTION
                    + " characters");
        } else if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            violations.add("/description", "invalid_character", "description has control characters");
        } else if (MARKUP.matcher(text).find()) {
            violations.add("/description", "not_plain_text", "description is plain text: HTML tags and entities"
                    + " would show as written");
        }
        return text;
    }

    /** An ISO date ({@code YYYY-MM-DD}) or null. */
    private static String broadcastDate(ObjectNode body, Violations violations) {
        JsonNode value = body.get("broadcast_date");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            violations.add("/broadcast_date", "not_string", "broadcast_date must be a date as YYYY-MM-DD or null");
            return null;
        }
        String text = value.asText();
        try {
            if (DATE.matcher(text).matches() && LocalDate.parse(text).getYear() >= 1) {
                return text;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        violations.add("/broadcast_date", "invalid_date", "broadcast_date must be a date as YYYY-MM-DD, such as"
                + " 1971-01-10");
        return null;
    }

    /** A one-line plain text of 1 to {@code max} characters; answers whether it is. */
    private static boolean checkLine(String pointer, String name, String text, int max, Violations violations) {
        if (text.isEmpty()) {
            return false; // JsonFields noted it as required (or of the wrong type)
        }
        if (text.codePointCount(0, text.length()) > max) {
            violations.add(pointer, "too_long", name + " is longer than " + max + " characters");
            return false;
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            violations.add(pointer, "invalid_character", name + " has control characters (line breaks included)");
            return false;
        }
        return true;
    }

    private MasterpieceEdits.EditedMiniseries lockForWrite(Statements tx, String key, String ifMatch) {
        MasterpieceEdits.EditedMiniseries current = edits.lock(tx, key)
                .orElseThrow(MasterpieceAdminService::noSuchMiniseries);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new AdminProblem(Status.PRECONDITION_REQUIRED_428, "if_match_required",
                    "send If-Match with the ETag of the miniseries as you loaded it (" + current.etag() + ")");
        }
        if (!ifMatch.strip().equals(current.etag()) && !ifMatch.strip().equals("*")) {
            String who = edits.lastChangedBy(tx, key);
            throw new AdminProblem(Status.PRECONDITION_FAILED_412, "stale_miniseries",
                    (who == null ? "someone" : who) + " changed this miniseries since you loaded it; reload it"
                            + " before saving")
                    .with("updated_by", who)
                    .with("etag", current.etag());
        }
        return current;
    }

    private static void send(ServerResponse res, Status status, MasterpieceEdits.EditedMiniseries miniseries) {
        res.header(HeaderNames.ETAG, miniseries.etag());
        AdminJson.send(res, status, miniseries.json());
    }

    private static String ifMatch(ServerRequest req) {
        return req.headers().first(HeaderNames.IF_MATCH).orElse(null);
    }

    private static ValidationException taken(String key) {
        return ValidationException.of("/key", "taken", "there is already a miniseries with the key " + key);
    }

    private static AuditLog.Subject seasonSubject(int number) {
        return new AuditLog.Subject(SEASON_SUBJECT, number, "Season " + number);
    }

    private static AuditLog.Subject miniseriesSubject(MasterpieceEdits.EditedMiniseries miniseries) {
        return new AuditLog.Subject(MINISERIES_SUBJECT, miniseries.key(), miniseries.title());
    }

    private static int number(ServerRequest req) {
        return seasonNumber(req.path().pathParameters().get("number"), "number");
    }

    private static int seasonNumber(String raw, String name) {
        try {
            int number = Integer.parseInt(raw);
            if (number >= 1 && number <= MAX_SEASON) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AdminProblem.badRequest("invalid_parameter", name + " must be a season number from 1 to " + MAX_SEASON);
    }

    /** The key of the path; one that no miniseries can have is not found. */
    private static String key(ServerRequest req) {
        String key = req.path().pathParameters().get("key");
        if (key.length() > MAX_KEY || !KEY.matcher(key).matches()) {
            throw noSuchMiniseries();
        }
        return key;
    }

    private static AdminProblem noSuchSeason(int number) {
        return AdminProblem.notFound("no season " + number);
    }

    private static AdminProblem noSuchMiniseries() {
        return AdminProblem.notFound("no such miniseries");
    }
}
