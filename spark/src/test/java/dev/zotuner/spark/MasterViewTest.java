package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MasterViewTest {

    private static final MasterView.Worker SMALL = new MasterView.Worker("w1", true, 1, 1024);
    private static final MasterView.Worker BIG = new MasterView.Worker("w2", true, 4, 8192);
    private static final MasterView.Worker DEAD = new MasterView.Worker("w3", false, 8, 65536);

    private static Optional<String> problem(List<MasterView.Worker> workers, MasterView.App app, int memory, int cores) {
        return new MasterView(workers, Optional.ofNullable(app)).problem(memory, cores);
    }

    @Test
    void noWorkerLargeEnoughIsNamedWithTheLargestAliveWorker() {
        assertEquals(Optional.of("no worker has enough memory and cores for an executor of 6144 MiB and 1 core(s) "
                        + "(spark.executor.memory, spark.executor.cores): the largest of the 1 alive workers has 1024 MiB "
                        + "and 1 core(s)"),
                problem(List.of(SMALL, DEAD), null, 6144, 1), "a dead worker's memory does not count");
        assertEquals(Optional.empty(), problem(List.of(SMALL, BIG), null, 6144, 1));
        assertEquals(true, problem(List.of(SMALL, BIG), null, 4096, 8).isPresent(), "cores count too");
    }

    @Test
    void noAliveWorkerEndedApplicationAndFailingExecutorsAreNamed() {
        assertEquals(Optional.of("no alive workers are registered with the master"), problem(List.of(DEAD), null, 1024, 1));
        assertEquals(Optional.of("the master ended the application (FAILED) after 10 of its executors failed"),
                problem(List.of(BIG), new MasterView.App("app-1", "FAILED", 10), 1024, 1));
        assertEquals(Optional.of("executors cannot start: 3 executors of app-1 exited with an error (the workers' "
                        + "work/app-1/*/stderr say why)"),
                problem(List.of(BIG), new MasterView.App("app-1", "RUNNING", 3), 1024, 1));
        assertEquals(Optional.empty(), problem(List.of(BIG), new MasterView.App("app-1", "WAITING", 2), 1024, 1),
                "two failures may be bad luck: wait");
    }
}
