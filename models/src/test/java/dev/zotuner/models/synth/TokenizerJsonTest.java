package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerJsonTest {

    @TempDir
    Path tmp;

    private Tokenizer open(Architecture a, int vocab) throws Exception {
        Path file = tmp.resolve(a + "-" + vocab + ".json");
        Files.writeString(file, TokenizerJson.of(a, vocab));
        return Tokenizer.open(file, 128);
    }

    @Test
    void bertIsLowerCasingWordPieceWithItsSpecialIds() throws Exception {
        try (Tokenizer t = open(Architecture.BERT, 30522)) {
            assertEquals(30522, t.vocabularySize());
            assertEquals(103, t.maskId().orElseThrow());
            assertEquals(0, t.padId());
            long[] ids = t.encode("The movie was GREAT").ids();
            assertEquals(6, ids.length);
            assertEquals(101, ids[0]);
            assertEquals(102, ids[5]);
            assertEquals(t.tokenId("great").orElseThrow(), (int) ids[4]);
            assertEquals(1, t.wordIds("Description", false).length);
            assertTrue(t.encode("zyzzogeton").ids().length > 3, "an unknown word falls back to pieces");
        }
    }

    @Test
    void byteLevelTokenizersMakeEveryLabelWordOneTokenWithAndWithoutASpace() throws Exception {
        for (Architecture a : new Architecture[] {Architecture.ROBERTA, Architecture.OPT, Architecture.LLAMA}) {
            try (Tokenizer t = open(a, a == Architecture.LLAMA ? 128256 : 50272)) {
                for (String w : Vocab.LABEL_WORDS) {
                    for (String form : new String[] {w, w.toLowerCase(Locale.ROOT)}) {
                        assertEquals(1, t.wordIds(form, true).length, a + " ' " + form + "'");
                        assertEquals(1, t.wordIds(form, false).length, a + " '" + form + "'");
                    }
                }
                long[] emoji = t.encodeWithoutSpecialTokens("naïve 🎬");
                assertTrue(emoji.length >= 5, "bytes encode anything");
            }
        }
    }

    @Test
    void eachFamilyFramesTextWithItsOwnSpecialTokens() throws Exception {
        try (Tokenizer t = open(Architecture.ROBERTA, 50265)) {
            long[] ids = t.encode("it was great").ids();
            assertEquals(0, ids[0]);
            assertEquals(2, ids[ids.length - 1]);
            assertEquals(50264, t.maskId().orElseThrow());
            assertEquals(1, t.padId());
        }
        try (Tokenizer t = open(Architecture.OPT, 50272)) {
            long[] ids = t.encode("it was great").ids();
            assertArrayEquals(new long[] {2, t.tokenId("it").orElseThrow(), t.tokenId("Ġwas").orElseThrow(),
                    t.tokenId("Ġgreat").orElseThrow()}, ids);
            assertTrue(t.maskId().isEmpty());
        }
        try (Tokenizer t = open(Architecture.LLAMA, 128256)) {
            assertEquals(128000, t.encode("it was great").ids()[0]);
            assertEquals("<|end_of_text|>", t.token(128001));
            assertTrue(t.maskId().isEmpty());
        }
    }

    @Test
    void tinyVocabulariesKeepWhatEvaluationNeeds() throws Exception {
        for (Architecture a : Architecture.values()) {
            try (Tokenizer t = open(a, 1024)) {
                assertEquals(1024, t.vocabularySize());
                assertEquals(a.kind() == ModelKind.MLM, t.maskId().isPresent(), a.toString());
                assertEquals(1, t.wordIds("terrible", true).length);
            }
        }
        ModelException e = assertThrows(ModelException.class, () -> TokenizerJson.of(Architecture.LLAMA, 300));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
        assertFalse(TokenizerJson.of(Architecture.OPT, 1024).isEmpty());
    }
}
