package dev.zotuner.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelException;
import dev.zotuner.models.testing.TinyTokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {

    @TempDir
    Path tmp;

    private Path bert() throws IOException {
        return Files.writeString(tmp.resolve("bert.json"), TinyTokenizers.bert());
    }

    private static long id(String word) {
        return 5 + TinyTokenizers.WORDS.indexOf(word);
    }

    @Test
    void encodesWithSpecialTokensAndForcesOfflineMode() throws IOException {
        try (Tokenizer t = Tokenizer.open(bert(), 128)) {
            Encoding e = t.encode("The movie was GREAT");
            assertArrayEquals(new long[] {2, id("the"), id("movie"), id("was"), id("great"), 3}, e.ids());
            assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1}, e.attentionMask());
            assertEquals("true", System.getProperty("ai.djl.offline"));
        }
    }

    @Test
    void fitsCountsSpecialTokensAndTokenEndsCutTextAtTokenBoundaries() throws IOException {
        try (Tokenizer t = Tokenizer.open(bert(), 6)) {
            assertTrue(t.fits("the movie was great"), "4 words + [CLS] + [SEP] = 6");
            assertFalse(t.fits("the movie was really great"));
            String text = "The movie, was   café GREAT";
            int[] ends = t.tokenEnds(text);
            assertEquals(6, ends.length, "the, movie, ',', was, caf\u00e9 = [UNK], great (truncated at 6)");
            assertEquals("The movie,", text.substring(0, ends[2]));
            assertEquals("The movie, was   café", text.substring(0, ends[4]));
        }
        try (Tokenizer t = Tokenizer.open(Files.writeString(tmp.resolve("gpt.json"), TinyTokenizers.gpt()), 3)) {
            assertTrue(t.fits("it was great"), "no special tokens");
            assertFalse(t.fits("it was very great"));
            assertArrayEquals(new int[] {2, 6, 12}, t.tokenEnds("it was great film"));
        }
    }

    @Test
    void batchesArePaddedToTheLongestRowNotToTheFileFixedLength() throws IOException {
        try (Tokenizer t = Tokenizer.open(bert(), 128)) {
            TokenBatch b = t.encodeBatch(List.of("great", "the movie was really fun"));
            assertEquals(2, b.size());
            assertEquals(7, b.length(), "longest row, not Fixed(16) from tokenizer.json");
            assertArrayEquals(new int[] {3, 7}, b.lengths());
            assertEquals(0, b.id(0, 5));
            assertEquals(0, b.attentionMask()[6]);
            assertEquals(1, b.attentionMask()[7]);
        }
    }

    @Test
    void truncatesAtMaxLengthKeepingSpecialTokens() throws IOException {
        try (Tokenizer t = Tokenizer.open(bert(), 4)) {
            Encoding e = t.encode("the movie was really fun");
            assertArrayEquals(new long[] {2, id("the"), id("movie"), 3}, e.ids());
            assertEquals(4, t.maxLength());
        }
    }

    @Test
    void vocabularyLookupsAndWordsWithoutSpecialTokens() throws IOException {
        try (Tokenizer t = Tokenizer.open(bert(), 128)) {
            assertEquals(OptionalInt.of(4), t.maskId());
            assertEquals(0, t.padId());
            assertEquals(35, t.vocabularySize());
            assertEquals(OptionalInt.of((int) id("great")), t.tokenId("great"));
            assertEquals("terrible", t.token((int) id("terrible")));
            assertArrayEquals(new long[] {id("great")}, t.wordIds("great", false));
            assertArrayEquals(new long[] {id("great")}, t.wordIds("great", true));
            assertArrayEquals(new long[] {id("not"), id("bad")}, t.encodeWithoutSpecialTokens("not bad"));
        }
    }

    @Test
    void wordLevelTokenizerWithoutMask() throws IOException {
        Path gpt = Files.writeString(tmp.resolve("gpt.json"), TinyTokenizers.gpt());
        try (Tokenizer t = Tokenizer.open(gpt, 128)) {
            assertTrue(t.maskId().isEmpty());
            assertArrayEquals(new long[] {id("it"), id("was"), id("ok")}, t.encode("It was ok").ids());
        }
    }

    @Test
    void malformedOrMissingFilesAreOneLineErrorsNamingTheFile() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"model\": {\"vocab\": ");
        ModelException e = assertThrows(ModelException.class, () -> Tokenizer.open(bad, 128));
        assertTrue(e.getMessage().startsWith("tokenizer " + bad + ": not valid JSON"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        Path notTokenizer = Files.writeString(tmp.resolve("other.json"), "{\"hello\": 1}");
        assertTrue(assertThrows(ModelException.class, () -> Tokenizer.open(notTokenizer, 128)).getMessage()
                .contains("no 'model' section"));
        Path wrongModel = Files.writeString(tmp.resolve("wrong.json"),
                TinyTokenizers.bert().replace("\"WordPiece\",\"unk_token\"", "\"NoSuchModel\",\"unk_token\""));
        ModelException native_ = assertThrows(ModelException.class, () -> Tokenizer.open(wrongModel, 128));
        assertTrue(native_.getMessage().startsWith("tokenizer " + wrongModel + ": cannot be loaded"), native_.getMessage());
        assertEquals("tokenizer file not found: " + tmp.resolve("none.json"),
                assertThrows(ModelException.class, () -> Tokenizer.open(tmp.resolve("none.json"), 128)).getMessage());
    }
}
