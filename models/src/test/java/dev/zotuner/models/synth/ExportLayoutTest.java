package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelException;
import org.junit.jupiter.api.Test;

class ExportLayoutTest {

    @Test
    void autoIsInlineUnder2GiBAndTorchAbove() {
        assertEquals(ExportLayout.INLINE, ExportLayout.AUTO.resolve(1_629_000_000L));
        assertEquals(ExportLayout.TORCH, ExportLayout.AUTO.resolve(2_100_000_000L));
        assertEquals(ExportLayout.OPTIMUM, ExportLayout.OPTIMUM.resolve(1));
    }

    @Test
    void torchNamesFilesAfterTensorsWithoutPathCharacters() {
        assertEquals("onnx__MatMul_1234", ExportLayout.TORCH.dataFile("onnx::MatMul_1234"));
        assertEquals("model.decoder.embed_tokens.weight", ExportLayout.TORCH.dataFile("model.decoder.embed_tokens.weight"));
        assertEquals("a_b_c_d", ExportLayout.torchFileName("a/b\\c?d"));
    }

    @Test
    void singleFileLayoutsAndTheSubfolder() {
        assertEquals("model.onnx_data", ExportLayout.OPTIMUM.dataFile("x"));
        assertEquals("model.onnx.data", ExportLayout.ONNX_DATA.dataFile("x"));
        assertEquals("onnx/model.onnx", ExportLayout.SUBFOLDER.graphFile());
        assertEquals("model.onnx_data", ExportLayout.SUBFOLDER.dataFile("x"));
        assertThrows(IllegalStateException.class, () -> ExportLayout.INLINE.dataFile("x"));
    }

    @Test
    void onlyWeightsOfAtLeast1KiBGoExternal() {
        assertTrue(ExportLayout.TORCH.external(1024));
        assertFalse(ExportLayout.TORCH.external(1020));
        assertFalse(ExportLayout.INLINE.external(1L << 30));
    }

    @Test
    void parsesItsSpellingsAndNamesThemInErrors() {
        assertEquals(ExportLayout.ONNX_DATA, ExportLayout.parse("onnx-data"));
        assertEquals(ExportLayout.SUBFOLDER, ExportLayout.parse(" ONNX-SUBFOLDER "));
        ModelException e = assertThrows(ModelException.class, () -> ExportLayout.parse("zip"));
        assertTrue(e.getMessage().contains("torch, optimum"), e.getMessage());
    }
}
