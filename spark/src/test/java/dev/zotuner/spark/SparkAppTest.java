package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
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
}
