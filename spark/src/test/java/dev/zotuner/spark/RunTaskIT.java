package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor that runs several sweep runs in a row holds one run's memory at a time: after each {@link RunTask} (here
 * in this JVM, as an executor runs its tasks) of the embedded default model — 22.6 M weights, 90 MB of direct buffers,
 * plus output buffers — the JVM's direct memory is where it was after the first run (which leaves the JDK's per-thread
 * cache of a temporary buffer as large as the largest file read, the model, for the thread's next read). Before runs
 * released their model, the buffers of every finished run stayed until some later collection: +90 MB after the second
 * run, and an executor's peak RSS grew by about a model a run (754 → 1525 MiB over eight runs; now 640–835 MiB).
 */
class RunTaskIT {

    /** Direct memory a finished run may leave (NIO's per-thread temporary buffers, caches): well under one model. */
    private static final long SLACK = 32L << 20;

    @TempDir Path tmp;

    private static long direct() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    /** Direct memory in use once the cleaners of unreachable buffers had up to 5 s to run. */
    private static long settledDirect(long target) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (direct() > target && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return direct();
    }

    @Test
    void afterEachRunTheExecutorsDirectMemoryIsWhereItWasAfterTheFirst() throws InterruptedException {
        List<Long> after = new ArrayList<>();
        for (int seed = 1; seed <= 4; seed++) {
            String name = "sst2-s" + seed;
            RunTask task = new RunTask(name, tmp.resolve("runs").resolve(name).toString(),
                    List.of("--task", "sst2", "--seed", Integer.toString(seed), "--k", "4", "--steps", "2", "--eval-every", "2",
                            "--test-cap", "16", "--batch", "4", "--cache-dir", tmp.resolve("cache").toString()),
                    List.of(), tmp.resolve("logs").resolve(name + ".log").toString(), 0);
            assertEquals("completed", task.execute().status());
            if (after.isEmpty()) {
                System.gc();        // the baseline: what stays once everything unreachable is gone
            }
            after.add(settledDirect(after.isEmpty() ? 0 : after.get(0) + SLACK));
        }
        assertTrue(after.stream().allMatch(d -> d <= after.get(0) + SLACK), "direct memory after each run, bytes: " + after);
    }
}
