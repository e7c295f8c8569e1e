package dev.zotuner.spark;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a standalone master says about its workers and about one application, reduced to what decides whether that
 * application can get executors ({@link #problem}).
 *
 * @param workers the master's workers
 * @param app     the application, if the master knows it
 */
public record MasterView(List<Worker> workers, Optional<App> app) {

    /** Failed executors (while the driver has none) after which executors are taken not to start at all. */
    static final int FAILED_STARTS = 3;

    public MasterView {
        workers = List.copyOf(workers);
    }

    /**
     * A worker.
     *
     * @param host      its host
     * @param alive     whether the master takes it as alive
     * @param cores     its cores
     * @param memoryMiB its memory for executors
     */
    public record Worker(String host, boolean alive, int cores, int memoryMiB) {
    }

    /**
     * The application.
     *
     * @param id              its id
     * @param state           {@code WAITING}, {@code RUNNING}, {@code FINISHED}, {@code FAILED}, {@code KILLED}, …
     * @param failedExecutors executors that exited with an error (failed to start, or died)
     */
    public record App(String id, String state, int failedExecutors) {
    }

    /**
     * Why the application, which has no executor, cannot get one of {@code memoryMiB} and {@code cores}, if the view
     * says so for sure: the master ended it, no worker is alive, no worker is large enough, or its executors keep
     * failing. Empty while executors may still come (workers busy with other applications, executors starting).
     */
    public Optional<String> problem(int memoryMiB, int cores) {
        Optional<App> a = app;
        if (a.isPresent() && List.of("FINISHED", "FAILED", "KILLED").contains(a.get().state())) {
            return Optional.of("the master ended the application (" + a.get().state() + ")"
                    + (a.get().failedExecutors() > 0 ? " after " + a.get().failedExecutors() + " of its executors failed" : ""));
        }
        List<Worker> alive = workers.stream().filter(Worker::alive).toList();
        if (alive.isEmpty()) {
            return Optional.of("no alive workers are registered with the master");
        }
        if (alive.stream().noneMatch(w -> w.memoryMiB() >= memoryMiB && w.cores() >= cores)) {
            Worker largest = alive.stream().max(java.util.Comparator.comparingInt(Worker::memoryMiB)).orElseThrow();
            return Optional.of(String.format(Locale.ROOT, "no worker has enough memory and cores for an executor of "
                    + "%d MiB and %d core(s) (spark.executor.memory, spark.executor.cores): the largest of the %d alive "
                    + "workers has %d MiB and %d core(s)", memoryMiB, cores, alive.size(), largest.memoryMiB(), largest.cores()));
        }
        if (a.isPresent() && a.get().failedExecutors() >= FAILED_STARTS) {
            return Optional.of("executors cannot start: " + a.get().failedExecutors() + " executors of " + a.get().id()
                    + " exited with an error (the workers' work/" + a.get().id() + "/*/stderr say why)");
        }
        return Optional.empty();
    }
}
