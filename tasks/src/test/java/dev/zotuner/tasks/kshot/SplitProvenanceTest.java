package dev.zotuner.tasks.kshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SplitProvenanceTest {

    private static SplitProvenance of(int k, List<Integer> train, List<Integer> dev) {
        return new SplitProvenance("t", "src", "p", k, 1, 0, 0, 100, 10, train, dev);
    }

    @Test
    void shortClassesAreThoseBelowKInTrainOrDev() {
        assertEquals(List.of(1, 2), of(4, List.of(4, 3, 4), List.of(4, 0, 2)).shortClasses());
        assertEquals(List.of(), of(4, List.of(4, 4), List.of(4, 4)).shortClasses());
    }
}
