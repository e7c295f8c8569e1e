package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LatestSnapshotTest {

    @Test
    void noSnapshotMeansNoWarningsAndWarningsAreCopied() {
        assertThrows(IllegalArgumentException.class,
                () -> new LatestSnapshot(Optional.empty(), List.of("step-3.bin: corrupted")));
        List<String> warnings = new ArrayList<>();
        LatestSnapshot none = new LatestSnapshot(Optional.empty(), warnings);
        warnings.add("later");
        assertEquals(List.of(), none.warnings());
    }
}
