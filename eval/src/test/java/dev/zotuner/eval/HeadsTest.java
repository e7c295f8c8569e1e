package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadsTest {

    @TempDir
    Path tmp;

    @Test
    void picksTheHeadForTheModelKind() {
        try (LanguageModel mlm = TinyFixtures.load(TinyModels.mlm(tmp.resolve("m")), tmp.resolve("c"));
             LanguageModel enc = TinyFixtures.load(TinyModels.encoder(tmp.resolve("e")), tmp.resolve("c"))) {
            assertInstanceOf(VerbalizerHead.class, Heads.forModel(mlm, TinyFixtures.MASKED, TinyFixtures.LABELS, 20));
            assertInstanceOf(SimilarityHead.class, Heads.forModel(enc, TinyFixtures.MASKED, TinyFixtures.LABELS, 20));
        }
    }
}
