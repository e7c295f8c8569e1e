package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTableTest {

    @Test
    void figuresRatiosTimesAndNumberedCauses() {
        String md = ScaleTable.markdown(List.of(ScaleFixtures.measured(), ScaleFixtures.failing()));
        List<String> lines = md.lines().toList();
        assertTrue(lines.contains("| bert-base | 109.5 M | 533 MB | 1.00 GiB | 3.00 GiB | 3.30 GiB | 3.00 GiB | 4.00 GiB "
                + "| 2.00 GiB | 3.30 GiB | 1.20 | 5.00 / 2.00 | 1.00 GiB |"), md);
        assertTrue(lines.contains("| opt-1.3b | 1.32 B | 5.68 GB | 5.50 GiB | fails [1] | fails [2] | fails [3] | fails [4] "
                + "| fails [5] | fails [6] | fails [7] | fails [8] / 20.0 | fails [9] |"), md);
        assertTrue(lines.contains("| bert-base | 3.00 ✗ | 1.10 ✓ | 0.91 ✓ | 1.21 ✗ | 0.61 ✓ | 1.00 ✓ | 2.02 ✗ | 2.50 ✗ "
                + "| 1.20 ✗ | 1.05 ✓ |"), md);
        assertTrue(lines.contains("| opt-1.3b | – | – | – | – | – | – | – | – | – | – |"), md);
        assertTrue(lines.contains("2. opt-1.3b, finetune-full: 1220022272 trainable values exceed one 2 GiB buffer "
                + "(peak RSS 0.29 GiB)"), md);
        assertTrue(lines.contains("9. opt-1.3b, export: needs finetune-full, which failed"), md);
        assertTrue(md.contains("| eval / ORT ≤ 1.25 | finetune / eval ≤ 1.10 | top:2 / full ≤ 1 |"), md);
        assertTrue(lines.contains("| opt-1.3b | 10 | 4 | 4 | 4 | 4 | 4 | 4 | 4 | 4 | – | – |"), md);
    }

    @Test
    void humanNumbers() {
        assertEquals("445 kB", ScaleTable.bytes(445_229));
        assertEquals("1.63 GB", ScaleTable.bytes(1_629_022_539L));
        assertEquals("355.4 M", ScaleTable.count(355_412_057L));
        assertEquals("1.24 B", ScaleTable.count(1_235_814_400L));
        assertEquals("1.50", ScaleTable.target(1.5));
        assertEquals("2", ScaleTable.target(2));
    }
}
