package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleFigureTest {

    @Test
    void parsesAllOrIdsInTheirOwnOrder() {
        assertEquals(List.of(ScaleFigure.values()), ScaleFigure.parse(List.of("all")));
        assertEquals(List.of(ScaleFigure.ORT, ScaleFigure.EVAL, ScaleFigure.FINETUNE_LORA),
                ScaleFigure.parse(List.of("finetune-lora", "ort", " eval")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScaleFigure.parse(List.of("train")));
        assertTrue(e.getMessage().contains("finetune-bcd"), e.getMessage());
    }

    @Test
    void exportNeedsTheFullRun() {
        assertTrue(ScaleFigure.EXPORT.needsFullRun());
        assertTrue(ScaleFigure.EXPORT_RELOAD.needsFullRun());
        assertFalse(ScaleFigure.FINETUNE_TOP2.needsFullRun());
    }
}
