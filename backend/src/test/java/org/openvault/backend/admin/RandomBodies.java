package org.openvault.backend.admin;

import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Random JSON request bodies for robustness tests: objects whose members are mostly the admin API's own field names
 * (so bodies get deep into validation) holding values of every JSON type, nested, with hostile strings among them.
 * Seeded, so a failure can be replayed.
 */
public final class RandomBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> NAMES = List.of("type", "parent_id", "content", "title", "slug", "seo_title",
            "search_description", "show_in_menus", "body", "value", "id", "guids", "start_time", "end_time",
            "access_level", "show_title", "title", "introduction", "cover_image_id", "hero_image_id", "featured",
            "authors", "author_id", "footnotes", "uuid", "text", "other_exhibits", "exhibit_id", "subtitle",
            "revision_id", "go_live_at", "expire_at", "username", "password", "email", "display_name", "role", "active",
            "name", "user_id", "expires_in_days", "current_password", "new_password", "focal_point", "description");
    private static final List<String> STRINGS = List.of("", " ", "x", "interviews", "text", "html", "heading",
            "exhibits.ExhibitPage", "ov_collections.Collection", "staticpages.StaticPage", "home.HomePage",
            "2030-01-01T00:00:00Z", "2020-01-01T00:00:00Z", "not a date", "00:01:30", "-5", "P1D", "administrator",
            "editor", "<script>alert(1)</script>", "<p onclick=x>hi</p>", "<a href=\"javascript:x\">y</a>",
            "\u0000", "\uD83D\uDE00", "'; DROP TABLE page; --", "a".repeat(300), "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "cpb-aacip-15-123", "%", "\\", "../../etc/passwd");

    private final Random random;

    public RandomBodies(long seed) {
        random = new Random(seed);
    }

    public ObjectNode object() {
        return object(0);
    }

    private ObjectNode object(int depth) {
        ObjectNode object = NODES.objectNode();
        int members = random.nextInt(6);
        for (int i = 0; i < members; i++) {
            object.set(random.nextInt(10) < 9 ? NAMES.get(random.nextInt(NAMES.size())) : "m" + random.nextInt(100),
                    value(depth + 1));
        }
        return object;
    }

    private JsonNode value(int depth) {
        int kind = random.nextInt(depth > 4 ? 6 : 8);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(new long[] {0, 1, 3, -1, Integer.MAX_VALUE + 1L, Long.MAX_VALUE}[random.nextInt(6)]);
            case 3 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 4, 5 -> NODES.textNode(STRINGS.get(random.nextInt(STRINGS.size())));
            case 6 -> array(depth);
            default -> object(depth);
        };
    }

    private ArrayNode array(int depth) {
        ArrayNode array = NODES.arrayNode();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            array.add(random.nextBoolean() ? object(depth + 1) : value(depth + 1));
        }
        return array;
    }
}
