package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerateProgressTest {

    @Test
    void aLineEveryTenthOrEveryFifteenSeconds() {
        StringWriter out = new StringWriter();
        long[] now = {0};
        GenerateProgress p = new GenerateProgress(new PrintWriter(out), () -> now[0]);
        now[0] = 1_000_000_000L;
        p.written("a", 50_000_000L, 2_000_000_000L);              // 2.5 %: nothing yet
        p.written("b", 250_000_000L, 2_000_000_000L);             // 12.5 %: the first tenth
        now[0] = 20_000_000_000L;
        p.written("c", 260_000_000L, 2_000_000_000L);             // 15 s passed
        p.written("d", 2_000_000_000L, 2_000_000_000L);
        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        assertEquals("zo model generate: 250 MB/2.0 GB (12 %) b  250 MB/s, ETA 7 s", lines.get(0));
        assertEquals("zo model generate: 2.0 GB/2.0 GB (100 %) d  100 MB/s, ETA 0 s", lines.get(2));
    }

    @Test
    void sizes() {
        assertEquals("533 MB", GenerateProgress.gb(532_551_585L));
        assertEquals("5.7 GB", GenerateProgress.gb(5_676_314_849L));
    }
}
