package dev.zotuner.models.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zotuner.models.ModelKind;
import java.io.UncheckedIOException;

/**
 * The Hugging Face {@code config.json} of a generated model, with the field names of each model class's
 * configuration ({@code BertConfig}, {@code RobertaConfig}, {@code OPTConfig}, {@code LlamaConfig}); what the project
 * reads of it: {@code architectures}, {@code num_attention_heads}, {@code num_key_value_heads},
 * {@code hidden_size}, {@code head_dim}.
 */
final class ConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigJson() {
    }

    static String of(ModelShape s, long seed) {
        Architecture a = s.architecture();
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add(a.hfClass());
        c.put("model_type", a.modelType()).put("vocab_size", s.vocab()).put("hidden_size", s.hidden())
                .put("num_hidden_layers", s.layers()).put("num_attention_heads", s.heads())
                .put("max_position_embeddings", s.maxPositions()).put("initializer_range", WeightInit.STD)
                .put("torch_dtype", "float32").put("use_cache", a.kind() == ModelKind.CAUSAL);
        switch (a) {
            case BERT, ROBERTA -> {
                boolean bert = a == Architecture.BERT;
                c.put("intermediate_size", s.intermediate()).put("hidden_act", "gelu")
                        .put("type_vocab_size", bert ? 2 : 1).put("layer_norm_eps", s.eps())
                        .put("pad_token_id", bert ? 0 : 1).put("position_embedding_type", "absolute")
                        .put("hidden_dropout_prob", 0.1).put("attention_probs_dropout_prob", 0.1);
                if (!bert) {
                    c.put("bos_token_id", 0).put("eos_token_id", 2);
                }
            }
            case OPT -> c.put("ffn_dim", s.intermediate()).put("word_embed_proj_dim", s.hidden())
                    .put("activation_function", "relu").put("do_layer_norm_before", true).put("enable_bias", true)
                    .put("layer_norm_elementwise_affine", true).put("tie_word_embeddings", true)
                    .put("pad_token_id", 1).put("bos_token_id", 2).put("eos_token_id", 2).put("init_std", WeightInit.STD)
                    .put("dropout", 0.1).put("attention_dropout", 0.0);
            case LLAMA -> {
                c.put("intermediate_size", s.intermediate()).put("num_key_value_heads", s.kvHeads())
                        .put("head_dim", s.headDim()).put("hidden_act", "silu").put("rms_norm_eps", s.eps())
                        .put("rope_theta", RopeFrequencies.THETA).put("tie_word_embeddings", true)
                        .put("attention_bias", false).put("mlp_bias", false)
                        .put("bos_token_id", s.vocab() - 256).put("eos_token_id", s.vocab() - 255);
                c.putObject("rope_scaling").put("factor", RopeFrequencies.FACTOR)
                        .put("low_freq_factor", RopeFrequencies.LOW_FREQ_FACTOR)
                        .put("high_freq_factor", RopeFrequencies.HIGH_FREQ_FACTOR)
                        .put("original_max_position_embeddings", RopeFrequencies.ORIGINAL_CONTEXT)
                        .put("rope_type", "llama3");
            }
            default -> throw new IllegalStateException("no config for " + a);
        }
        c.put("transformers_version", "4.46.0");
        c.putObject("zo_synthetic").put("shape", s.name()).put("seed", seed)
                .put("note", "random initialisation written by zo model generate; not a trained model");
        try {
            return JSON.writeValueAsString(c) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
