package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparkContextsTest {

    @Test
    void localMastersGetTheirRetriesClusterMastersAreKept() {
        assertEquals("local[1,3]", SparkContexts.withAttempts("local", 3));
        assertEquals("local[*,3]", SparkContexts.withAttempts("local[*]", 3));
        assertEquals("local[2,3]", SparkContexts.withAttempts("local[2]", 3));
        assertEquals("local[2,5]", SparkContexts.withAttempts("local[2,5]", 3));
        assertEquals("spark://head:7077", SparkContexts.withAttempts("spark://head:7077", 3));
        assertEquals("yarn", SparkContexts.withAttempts("yarn", 3));
        assertTrue(SparkContexts.isLocal("local[2,3]"));
        assertFalse(SparkContexts.isLocal("yarn"));
        assertEquals("--master: expected local[N], local[*], spark://host:port or yarn, got lokal[2]",
                assertThrows(IllegalArgumentException.class, () -> SparkContexts.withAttempts("lokal[2]", 3)).getMessage());
    }
}
