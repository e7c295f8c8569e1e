package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void parsesHighWaterMarkAndCurrentSize() {
        ResidentMemory m = ResidentMemory.parse("Name:\tjava\nVmPeak:\t 9999 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n");
        assertEquals(204800, m.peakKib());
        assertEquals(102400, m.currentKib());
        assertEquals(200.0, m.peakMib(), 0);
        assertEquals(100.0, m.currentMib(), 0);
    }

    @Test
    void missingFieldNamesTheFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResidentMemory.parse("VmRSS:\t 1 kB\n"));
        assertEquals("/proc/self/status: no VmHWM: line", e.getMessage());
    }

    @Test
    void thisProcessHasAPeakAtLeastItsCurrentSize() {
        ResidentMemory m = ResidentMemory.read();
        assertTrue(m.currentKib() > 0 && m.peakKib() >= m.currentKib(), m.toString());
    }
}
