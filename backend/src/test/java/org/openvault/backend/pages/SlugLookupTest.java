package org.openvault.backend.pages;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The public site resolves {@code /exhibits/<slug>} and {@code /collections/<slug>} with
 * {@code /api/v2/pages/?slug=<slug>} and takes {@code items[0]} without a type check: for every live exhibit and
 * collection that lookup must answer the exhibit or collection first, even where an older page of another type (a
 * credits page under /credits) has the same slug.
 */
class SlugLookupTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    @BeforeAll
    static void anExhibitSharingACreditsPagesSlug() {
        // /credits/vietnam (a static page of the migrations, so an older, lower id) and an exhibit "vietnam".
        backend.db().execute("INSERT INTO page (type, slug, title, live, first_published_at, last_published_at, parent_id)"
                        + " VALUES ('exhibits.ExhibitPage', 'vietnam', 'Vietnam exhibit', true, now(), now(), 3)",
                "INSERT INTO exhibit (page_id) SELECT id FROM page WHERE slug = 'vietnam' AND parent_id = 3");
    }

    @AfterAll
    static void remove() {
        backend.db().execute("DELETE FROM page WHERE slug = 'vietnam' AND parent_id = 3");
    }

    @Test
    void everyExhibitAndCollectionIsTheFirstItemOfItsSlugLookup() {
        assertEquals(2, backend.getJson("/api/v2/pages/?slug=vietnam").at("/meta/total_count").asInt(),
                "the shared slug: the credits page and the exhibit");
        List<String> wrong = new ArrayList<>();
        for (String endpoint : List.of("exhibits", "collections")) {
            for (JsonNode page : backend.getJson("/api/v2/" + endpoint + "/?limit=999999").get("items")) {
                String slug = page.at("/meta/slug").asText();
                JsonNode lookup = backend.getJson("/api/v2/pages/?slug=" + slug);
                if (lookup.at("/items/0/id").asInt() != page.get("id").asInt()) {
                    wrong.add(endpoint + " " + slug + " -> " + lookup.at("/items/0/meta/type").asText());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void withoutASlugTheListingKeepsTreeOrder() {
        JsonNode all = backend.getJson("/api/v2/pages/?limit=999999&fields=_,id");
        int previous = 0;
        for (JsonNode page : all.get("items")) {
            assertEquals(true, page.get("id").asInt() > previous, "ordered by id");
            previous = page.get("id").asInt();
        }
    }
}
