package org.openvault.frontend.rendering;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A few platform threads for the work that holds a CPU for milliseconds: rendering a page and compressing it.
 * Requests run on virtual threads, which the JDK schedules on one carrier per core without preempting them: a page
 * rendered on a carrier (tens of milliseconds while its code is not yet compiled) would stop that carrier sending
 * kept pages, and a render beside a background refresh would stop both, making every visitor wait for it. Platform
 * threads are time-sliced by the operating system, and the request's virtual thread waits for its page without
 * holding a carrier.
 * At most one render per core runs at once; more wait their turn.
 */
public final class RenderThreads {

    private final ExecutorService threads;

    public RenderThreads(int count) {
        this.threads = Executors.newFixedThreadPool(count, Thread.ofPlatform().name("render-", 0).daemon().factory());
    }

    /** One thread per core. */
    public static RenderThreads perCore() {
        return new RenderThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * The result of {@code work} run on one of these threads (at once when called from a platform thread, which
     * holds no carrier); what it throws is thrown here.
     */
    public <T> T run(Supplier<T> work) {
        if (!Thread.currentThread().isVirtual()) {
            return work.get();
        }
        Future<T> result = threads.submit(work::get);
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while the page was rendered");
        }
    }
}
