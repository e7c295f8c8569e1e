package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;

class SchedulerLogTest {

    @Test
    void readsEndedExecutorsAndTheMastersReasonFromTheBackendsLinesOnly() {
        Logger backend = LogManager.getLogger(SchedulerLog.LOGGER);
        try (SchedulerLog log = SchedulerLog.open()) {
            backend.info("Granted executor ID app-1/7 on hostPort 127.0.0.1:4 with 1 core(s), 1024.0 MiB RAM");
            backend.info("Executor app-1/7 removed: Command exited with code 1");
            backend.info("Executor app-1/8 removed: Command exited with code 134");
            LogManager.getLogger("org.apache.spark.SomethingElse").error("Executor app-1/9 removed: elsewhere");
            backend.error("Application has been killed. Reason: Master removed our application: FAILED");
            assertEquals(2, log.removedExecutors());
            assertEquals(Optional.of("Command exited with code 134"), log.lastRemoval());
            assertEquals(Optional.of("Master removed our application: FAILED"), log.killed());
        }
        try (SchedulerLog closed = SchedulerLog.open()) {
            assertEquals(0, closed.removedExecutors(), "a new log starts from nothing");
        }
    }

    @Test
    void theLogOfALocalMasterReadsNothing() {
        try (SchedulerLog log = SchedulerLog.none()) {
            LogManager.getLogger(SchedulerLog.LOGGER).info("Executor app-1/7 removed: Command exited with code 1");
            assertEquals(0, log.removedExecutors());
        }
    }
}
