package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.synth.ExportLayout;
import dev.zotuner.models.synth.GeneratedModel;
import dev.zotuner.models.synth.GeneratorProgress;
import dev.zotuner.models.synth.ModelGenerator;
import dev.zotuner.models.synth.ModelShape;
import dev.zotuner.models.testing.TinyModels;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightCensusTest {

    @TempDir
    Path tmp;

    @Test
    void countsWeightsFilesAndTheTiedCopyInEveryLayout() throws Exception {
        for (ExportLayout layout : new ExportLayout[] {ExportLayout.INLINE, ExportLayout.TORCH, ExportLayout.OPTIMUM,
                ExportLayout.SUBFOLDER}) {
            Path dir = tmp.resolve(layout.label());
            GeneratedModel m = ModelGenerator.generate(ModelShape.named("opt-tiny"), layout, dir, 1, GeneratorProgress.NONE);
            WeightCensus c = WeightCensus.of(dir.resolve(layout.graphFile()));
            assertEquals(m.weightValues(), c.weightValues(), layout.label());
            assertEquals(m.parameters(), c.parameters(), layout.label() + ": the transposed head is not a parameter");
            assertEquals(1, c.tiedCopies());
            assertEquals(m.weightValues() * 4, c.weightBytes());
            long files = m.bytes() - Files.size(dir.resolve("tokenizer.json")) - Files.size(dir.resolve("config.json"));
            assertEquals(files, c.fileBytes(), layout.label() + ": graph and data files");
        }
    }

    @Test
    void untiedWeightsAreAllParameters() {
        Path dir = TinyModels.mlm(tmp.resolve("mlm"));
        WeightCensus c = WeightCensus.of(dir.resolve("model.onnx"));
        assertEquals(TinyModels.MLM_PARAMETERS + 1, c.weightValues(), "the float scalar counts as a weight");
        assertEquals(c.weightValues(), c.parameters());
        assertEquals(0, c.tiedCopies());
    }

    @Test
    void aFileThatIsNotOnnxIsAOneLineError() throws Exception {
        Path bad = Files.writeString(tmp.resolve("model.onnx"), "not a model at all, just text");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> WeightCensus.of(bad));
        assertTrue(e.getMessage().startsWith(bad + ": cannot read the ONNX initializers"), e.getMessage());
    }
}
