package dev.zotuner.spark;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a standalone master says about its workers, reduced to what decides whether an application can get an executor
 * at all ({@link #problem}).
 *
 * @param workers the master's workers
 */
public record MasterView(List<Worker> workers) {

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
     * Why no executor of {@code memoryMiB} and {@code cores} can start, if the workers say so for sure: none is alive,
     * or none is large enough. Empty while one may (workers busy with other applications, executors starting).
     */
    public Optional<String> problem(int memoryMiB, int cores) {
        List<Worker> alive = workers.stream().filter(Worker::alive).toList();
        if (alive.isEmpty()) {
            return Optional.of("no alive workers are registered with the master");
        }
        if (alive.stream().noneMatch(w -> w.memoryMiB() >= memoryMiB && w.cores() >= cores)) {
            Worker largest = alive.stream().max(Comparator.comparingInt(Worker::memoryMiB)).orElseThrow();
            return Optional.of(String.format(Locale.ROOT, "no worker has enough memory and cores for an executor of "
                    + "%d MiB and %d core(s) (spark.executor.memory, spark.executor.cores): the largest of the %d alive "
                    + "workers has %d MiB and %d core(s)", memoryMiB, cores, alive.size(), largest.memoryMiB(), largest.cores()));
        }
        return Optional.empty();
    }
}
