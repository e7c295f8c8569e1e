package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Pooling;
import dev.zotuner.tuner.optim.ZoMethod;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {

    @Test
    void absentSectionsAreHowOlderRunsRan() {
        ModelSettings m = new ModelSettings("default", null, null, null, null, 128, null, null, null);
        assertEquals(PeftConfig.none(), m.peft());
        assertEquals(ExecutionConfig.legacy(), m.execution());
        assertEquals(InputConfig.legacy(), m.inputs());
    }

    @Test
    void theSpecCarriesEverySettingAndStagesPerBlockOnlyForMezoBcd() {
        ModelSettings m = new ModelSettings("dir", Path.of("tok.json"), ModelKind.ENCODER, "layer\\.1", Pooling.CLS, 64,
                new PeftConfig(2, "none", false, 8, 8, "q"), new ExecutionConfig(32, true), InputConfig.current(true));
        ModelSpec bcd = m.spec(Path.of("cache"), 3, ZoMethod.MEZO_BCD);
        assertEquals("dir", bcd.model());
        assertEquals(Path.of("tok.json"), bcd.tokenizer());
        assertEquals(ModelKind.ENCODER, bcd.kind());
        assertEquals(Pooling.CLS, bcd.pooling());
        assertEquals(64, bcd.maxLength());
        assertEquals(2, bcd.topLayers());
        assertTrue(bcd.tieWeights());
        assertTrue(bcd.keepsTies());
        assertTrue(bcd.sliceHead());
        ModelSpec beforeKeptTies = new ModelSettings("dir", null, null, null, null, 64, null, null,
                new InputConfig(true, "sentence", false, false)).spec(Path.of("cache"), 3, ZoMethod.ZO_SGD);
        assertFalse(beforeKeptTies.keepsTies(), "a run from before keep_ties may split a tie");
        assertFalse(beforeKeptTies.sliceHead(), "and computes an LM's logits at every position");
        assertFalse(new ModelSettings("dir", null, null, null, null, 64, null, null, null)
                .spec(Path.of("cache"), 3, ZoMethod.ZO_SGD).sliceHead(), "as does a run from before the inputs object");
        assertTrue(bcd.execution().splitBlocks());
        assertEquals(32, bcd.execution().prefixCacheMib());
        assertFalse(m.spec(Path.of("cache"), 3, ZoMethod.ZO_SGD).execution().splitBlocks());
    }
}
