package org.openvault.backend.pages;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * The items of a listing too long to hold in memory whole ({@code limit=999999} over thousands of pages): the pages
 * are read a chunk at a time, in the listing's order, while the answer is being written. Each chunk is one statement
 * on a pooled connection of its own, so no connection waits on a slow reader. A page gone between the listing of ids
 * and the reading of its chunk is left out.
 */
final class ListingInChunks<R extends PageContent> implements Iterable<Object> {

    static final int CHUNK = 200;

    private final List<Integer> ids;
    private final Function<Integer[], List<R>> readChunk;
    private final Function<R, Object> render;

    /** {@code readChunk} reads the pages with the given ids, in any order; {@code render} makes one item of each. */
    ListingInChunks(List<Integer> ids, Function<Integer[], List<R>> readChunk, Function<R, Object> render) {
        this.ids = ids;
        this.readChunk = readChunk;
        this.render = render;
    }

    @Override
    public Iterator<Object> iterator() {
        return new Iterator<>() {
            private int next;
            private Iterator<R> chunk = List.<R>of().iterator();

            @Override
            public boolean hasNext() {
                while (!chunk.hasNext() && next < ids.size()) {
                    chunk = readNextChunk();
                }
                return chunk.hasNext();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return render.apply(chunk.next());
            }

            private Iterator<R> readNextChunk() {
                List<Integer> wanted = ids.subList(next, Math.min(next + CHUNK, ids.size()));
                next += wanted.size();
                Map<Integer, R> byId = new HashMap<>();
                for (R page : readChunk.apply(wanted.toArray(Integer[]::new))) {
                    byId.put(page.page().id(), page);
                }
                return wanted.stream().map(byId::get).filter(Objects::nonNull).iterator();
            }
        };
    }
}
