package org.openvault.frontend.rendering;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Work asked for by a virtual thread runs on the render threads, at most one per thread at once; errors come back. */
class RenderThreadsTest {

    private final RenderThreads renderThreads = new RenderThreads(2);

    @Test
    void aVirtualThreadsWorkRunsOnAPlatformThread() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> worker.set(renderThreads.run(Thread::currentThread)));
        caller.join();
        assertFalse(worker.get().isVirtual());
        assertTrue(worker.get().getName().startsWith("render-"), worker.get().getName());
    }

    @Test
    void aPlatformThreadRunsTheWorkItself() {
        assertSame(Thread.currentThread(), renderThreads.run(Thread::currentThread));
    }

    @Test
    void whatTheWorkThrowsIsThrownToTheCaller() throws Exception {
        IllegalArgumentException thrown = new IllegalArgumentException("no such template");
        AtomicReference<Throwable> caught = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> caught.set(assertThrows(IllegalArgumentException.class,
                () -> renderThreads.run(() -> {
                    throw thrown;
                }))));
        caller.join();
        assertSame(thrown, caught.get());
    }

    @Test
    void noMoreRunAtOnceThanThereAreThreads() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch allAsked = new CountDownLatch(6);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                allAsked.countDown();
                renderThreads.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        allAsked.await(5, TimeUnit.SECONDS);
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return running.decrementAndGet();
                });
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertEquals(2, most.get());
    }
}
