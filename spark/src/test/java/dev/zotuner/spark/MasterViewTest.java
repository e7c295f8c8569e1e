package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MasterViewTest {

    private static final MasterView.Worker SMALL = new MasterView.Worker("w1", true, 1, 1024);
    private static final MasterView.Worker BIG = new MasterView.Worker("w2", true, 4, 8192);
    private static final MasterView.Worker DEAD = new MasterView.Worker("w3", false, 8, 65536);

    @Test
    void noWorkerLargeEnoughIsNamedWithTheLargestAliveWorker() {
        assertEquals(Optional.of("no worker has enough memory and cores for an executor of 6144 MiB and 1 core(s) "
                        + "(spark.executor.memory, spark.executor.cores): the largest of the 1 alive workers has 1024 MiB "
                        + "and 1 core(s)"),
                new MasterView(List.of(SMALL, DEAD)).problem(6144, 1), "a dead worker's memory does not count");
        assertEquals(Optional.empty(), new MasterView(List.of(SMALL, BIG)).problem(6144, 1));
        assertTrue(new MasterView(List.of(SMALL, BIG)).problem(4096, 8).isPresent(), "cores count too");
    }

    @Test
    void noAliveWorkerIsNamed() {
        assertEquals(Optional.of("no alive workers are registered with the master"),
                new MasterView(List.of(DEAD)).problem(1024, 1));
        assertEquals(Optional.of("no alive workers are registered with the master"), new MasterView(List.of()).problem(1, 1));
    }
}
