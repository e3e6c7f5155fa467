package org.openvault.backend.responsecache;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory budget of kept responses, keys included, and which rendering wins. */
class ResponseStoreTest {

    @Test
    void manySmallAnswersUnderLongDistinctUrlsStayWithinTheBudget() {
        ResponseStore store = new ResponseStore(64 * 1024);
        String longQuery = "x".repeat(4000);
        for (int i = 0; i < 10_000; i++) {
            store.put("http://h/api/v2/exhibits/?offset=" + i + "&" + longQuery, 1, new byte[] {'{', '}'});
            assertTrue(store.bytes() <= 64 * 1024, "over budget after " + i);
        }
        assertNull(store.get("http://h/api/v2/exhibits/?offset=0&" + longQuery), "the oldest went first");
        assertNotNull(store.get("http://h/api/v2/exhibits/?offset=9999&" + longQuery));
    }

    @Test
    void leastRecentlyUsedGoesFirst() {
        ResponseStore store = new ResponseStore(4 * (1000 + 2 + 128) + 100);
        store.put("a", 1, new byte[1000]);
        store.put("b", 1, new byte[1000]);
        store.put("c", 1, new byte[1000]);
        store.get("a");
        store.put("d", 1, new byte[1000]);
        store.put("e", 1, new byte[1000]);
        assertNotNull(store.get("a"));
        assertNull(store.get("b"));
    }

    @Test
    void anOlderRenderingNeverReplacesANewerOneAndHugeBodiesAreNotKept() {
        ResponseStore store = new ResponseStore(100_000);
        store.put("k", 5, new byte[] {5});
        store.put("k", 4, new byte[] {4});
        assertEquals(5, store.get("k").version());
        assertArrayEquals(new byte[] {5}, store.get("k").body());
        store.put("big", 6, new byte[30_000]);
        assertNull(store.get("big"), "over a quarter of the budget");
    }

    @Test
    void aNewerVersionDropsTheOlderEntriesAndAnOlderRenderingAfterItIsNotKept() {
        ResponseStore store = new ResponseStore(100_000);
        store.put("a", 1, new byte[1000]);
        store.put("b", 1, new byte[1000]);
        store.put("c", 2, new byte[] {2});
        assertNull(store.get("a"));
        assertNull(store.get("b"));
        assertEquals(1 + 2 + 128, store.bytes(), "only the newest version's entry is counted");
        store.put("d", 1, new byte[] {1});
        assertNull(store.get("d"), "rendered before a change another request has already seen");
    }
}
