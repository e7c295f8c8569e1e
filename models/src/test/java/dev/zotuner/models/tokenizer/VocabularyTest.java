package dev.zotuner.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.testing.TinyTokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

    @TempDir
    Path tmp;

    @Test
    void wordPieceVocabularyWithMaskAndPaddingSection() throws IOException {
        Vocabulary v = Vocabulary.read(Files.writeString(tmp.resolve("t.json"), TinyTokenizers.bert()));
        assertEquals(35, v.size());
        assertEquals(OptionalInt.of(4), v.maskId());
        assertEquals(0, v.padId());
        assertEquals("[CLS]", v.token(2));
        assertEquals(OptionalInt.empty(), v.id("nonexistent"));
        assertThrows(IllegalArgumentException.class, () -> v.token(35));
    }

    @Test
    void unigramVocabularyAndAddedTokensAndPadFallback() throws IOException {
        String json = "{\"added_tokens\":[{\"id\":3,\"content\":\"<mask>\"}],\"padding\":null,"
                + "\"model\":{\"type\":\"Unigram\",\"vocab\":[[\"<pad>\",0.0],[\"\u2581a\",-1.0],[\"\u2581b\",-2.0]]}}";
        Vocabulary v = Vocabulary.read(Files.writeString(tmp.resolve("u.json"), json));
        assertEquals(4, v.size());
        assertEquals(OptionalInt.of(2), v.id("\u2581b"));
        assertEquals(OptionalInt.of(3), v.maskId());
        assertEquals(0, v.padId(), "falls back to <pad>");
        String noPad = "{\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"x\":0,\"<|endoftext|>\":1}}}";
        Vocabulary gpt = Vocabulary.read(Files.writeString(tmp.resolve("g.json"), noPad));
        assertEquals(0, gpt.padId());
        assertTrue(gpt.maskId().isEmpty());
    }
}
