package dev.zotuner.prompts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tasks.LabelSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerbalizerTest {

    private static final LabelSet SST2 = LabelSet.of(List.of("0", "1"));
    private static final Template SST = new Template("<sentence> It was [MASK] .");
    private static final FakeVocabulary VOCAB = new FakeVocabulary("terrible", "great", "good");

    @Test
    void ordersWordsByClass() {
        Verbalizer v = Verbalizer.of(SST2, Map.of("1", "great", "0", "terrible"), "p.json");
        assertEquals(List.of("terrible", "great"), v.words());
        assertEquals("great", v.word(1));
        assertEquals(2, v.size());
    }

    @Test
    void everyLabelNeedsExactlyOneWord() {
        assertEquals("p.json: labelWords has no word for label '1'", assertThrows(PromptException.class,
                () -> Verbalizer.of(SST2, Map.of("0", "terrible"), "p.json")).getMessage());
        assertEquals("p.json: labelWords has a word for '2', which is not a label (labels: 0, 1)",
                assertThrows(PromptException.class, () -> Verbalizer.of(SST2,
                        Map.of("0", "terrible", "1", "great", "2", "okay"), "p.json")).getMessage());
        assertThrows(PromptException.class, () -> new Verbalizer(SST2, List.of("great", "great"), "p.json"));
        assertThrows(PromptException.class, () -> new Verbalizer(SST2, List.of("great"), "p.json"));
    }

    @Test
    void tokenIdsUseTheSpaceTheTemplateImplies() {
        Verbalizer v = new Verbalizer(SST2, List.of("terrible", "great"), "p.json");
        // ids: terrible=0, Ġterrible=1, great=2, Ġgreat=3
        assertArrayEquals(new long[] {1, 3}, v.tokenIds(VOCAB, SST));
        assertArrayEquals(new long[] {0, 2}, v.tokenIds(VOCAB, new Template("<sentence> Sentiment:[MASK]")));
    }

    @Test
    void multiTokenWordIsAnErrorNamingWordAndTokens() {
        Verbalizer v = new Verbalizer(SST2, List.of("awful", "great"), "p.json");
        PromptException e = assertThrows(PromptException.class, () -> v.tokenIds(VOCAB, SST));
        assertEquals("p.json: label word 'awful' of '0' is 5 tokens [a, w, f, u, l],"
                + " but masked and causal LM heads need a single token", e.getMessage());
    }

    @Test
    void wordsSharingATokenAreAnError() {
        TokenVocabulary caseless = new TokenVocabulary() {
            @Override
            public long[] wordIds(String text, boolean leadingSpace) {
                return VOCAB.wordIds(text.toLowerCase(java.util.Locale.ROOT), leadingSpace);
            }

            @Override
            public String token(int id) {
                return VOCAB.token(id);
            }
        };
        Verbalizer v = new Verbalizer(SST2, List.of("Great", "great"), "p.json");
        assertThrows(PromptException.class, () -> v.tokenIds(caseless, SST));
    }
}
