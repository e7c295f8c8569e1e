package dev.zotuner.models.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AttentionShapeTest {

    private static AttentionShape of(String json) throws Exception {
        return AttentionShape.of(new ObjectMapper().readTree(json));
    }

    @Test
    void gpt2AndBertNamesGiveHeadsAndTheirWidth() throws Exception {
        assertEquals(new AttentionShape(12, 12, 64), of("{\"n_head\":12,\"n_embd\":768}"));
        assertEquals(new AttentionShape(4, 4, 32), of("{\"num_attention_heads\":4,\"hidden_size\":128}"));
    }

    @Test
    void groupedQueryAttentionAndAnExplicitHeadDimWin() throws Exception {
        assertEquals(new AttentionShape(32, 8, 128),
                of("{\"num_attention_heads\":32,\"num_key_value_heads\":8,\"hidden_size\":3072,\"head_dim\":128}"));
    }

    @Test
    void missingOrIndivisibleSizesAreUnknown() throws Exception {
        assertEquals(AttentionShape.UNKNOWN, of("{}"));
        assertEquals(new AttentionShape(5, 5, 0), of("{\"n_head\":5,\"n_embd\":768}"));
        assertEquals(new AttentionShape(0, 0, 0), of("{\"n_head\":\"twelve\",\"n_embd\":-1}"));
    }
}
