package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

class SparkAppTest {

    @Test
    void aClassExecutorsCouldNotLoadIsFoundInTheJobsMessage() {
        SparkException aborted = new SparkException("Job aborted due to stage failure: Task 0 in stage 0.0 failed 3 times, "
                + "most recent failure: Lost task 0.2 in stage 0.0 (TID 2) (127.0.0.1 executor 1): "
                + "java.lang.ClassNotFoundException: dev.zotuner.spark.RunTask\n\tat java.base/...");
        assertEquals(Optional.of("dev.zotuner.spark.RunTask"), SparkApp.missingClass(new RuntimeException("wrapped", aborted)));
        assertEquals(Optional.of("ai.onnxruntime.OrtEnvironment"),
                SparkApp.missingClass(new NoClassDefFoundError("ai/onnxruntime/OrtEnvironment")));
        assertEquals(Optional.empty(), SparkApp.missingClass(new IllegalStateException("run x: zo finetune exited with 1")));
    }

    @Test
    void theFirstLineOfTheInnermostMessageNamesTheCause() {
        assertEquals("model.onnx: no such file", SparkApp.firstLine(new RuntimeException("outer",
                new IllegalArgumentException("model.onnx: no such file\nmore"))));
        assertEquals("java.lang.IllegalStateException", SparkApp.firstLine(new IllegalStateException()));
    }

    @Test
    void aStoppedApplicationPrintsNoMoreOfSparksErrors() {
        assumeTrue(System.getenv("ZO_DEBUG") == null, "ZO_DEBUG keeps Spark's log");
        Level before = LogManager.getLogger("org.apache.spark").getLevel();
        try {
            assertTrue(LogManager.getLogger("org.apache.spark.TaskContextImpl").isErrorEnabled());
            SparkApp.silenceSparkLog();
            assertFalse(LogManager.getLogger("org.apache.spark.TaskContextImpl").isErrorEnabled());
            assertTrue(LogManager.getLogger("dev.zotuner.spark.SparkApp").isErrorEnabled());
        } finally {
            Configurator.setLevel("org.apache.spark", before);
        }
    }
}
