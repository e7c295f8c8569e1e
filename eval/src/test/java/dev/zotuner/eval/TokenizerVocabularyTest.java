package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerVocabularyTest {

    @TempDir
    Path tmp;

    @Test
    void delegatesToTheModelTokenizer() {
        try (LanguageModel lm = TinyFixtures.load(TinyModels.mlm(tmp.resolve("m")), tmp.resolve("c"))) {
            TokenizerVocabulary v = new TokenizerVocabulary(lm.tokenizer());
            int great = lm.tokenizer().tokenId("great").orElseThrow();
            assertArrayEquals(new long[] {great}, v.wordIds("great", true));
            assertEquals("great", v.token(great));
            assertEquals(2, v.wordIds("great fun", false).length);
        }
    }
}
