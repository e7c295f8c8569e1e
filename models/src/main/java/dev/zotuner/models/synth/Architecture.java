package dev.zotuner.models.synth;

import dev.zotuner.models.ModelKind;

/**
 * The Hugging Face model classes the generator imitates: two masked-LM encoders and two causal decoders, with the
 * module layout, parameter names and tokenizer family of each.
 */
public enum Architecture {
    /** {@code BertForMaskedLM}: post-LN encoder, GELU, learned positions, token types, WordPiece tokenizer. */
    BERT("BertForMaskedLM", "bert", ModelKind.MLM),
    /** {@code RobertaForMaskedLM}: BERT with positions counted from the padding index, byte-level BPE tokenizer. */
    ROBERTA("RobertaForMaskedLM", "roberta", ModelKind.MLM),
    /** {@code OPTForCausalLM}: pre-LN decoder, ReLU, learned positions offset by 2, tied LM head. */
    OPT("OPTForCausalLM", "opt", ModelKind.CAUSAL),
    /** {@code LlamaForCausalLM}: RMSNorm, RoPE, grouped-query attention, SwiGLU MLP, no biases. */
    LLAMA("LlamaForCausalLM", "llama", ModelKind.CAUSAL);

    private final String hfClass;
    private final String modelType;
    private final ModelKind kind;

    Architecture(String hfClass, String modelType, ModelKind kind) {
        this.hfClass = hfClass;
        this.modelType = modelType;
        this.kind = kind;
    }

    /** The {@code architectures} entry of {@code config.json}, e.g. {@code OPTForCausalLM}. */
    public String hfClass() {
        return hfClass;
    }

    /** The {@code model_type} of {@code config.json}, e.g. {@code opt}. */
    public String modelType() {
        return modelType;
    }

    /** Masked or causal LM. */
    public ModelKind kind() {
        return kind;
    }

    /** Whether the tokenizer is byte-level BPE (all but BERT's WordPiece). */
    public boolean byteLevel() {
        return this != BERT;
    }
}
