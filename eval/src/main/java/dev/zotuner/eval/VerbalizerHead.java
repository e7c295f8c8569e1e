package dev.zotuner.eval;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.Representations;
import dev.zotuner.prompts.Template;
import dev.zotuner.prompts.Verbalizer;

/**
 * Prompt-based classification with a language-model head: the class logit is the LM logit of the
 * class's label word, at the mask token for a masked LM or as the next token for a causal LM
 * (LM-BFF, Gao et al. 2021, "Making Pre-trained Language Models Better Few-shot Learners"; the
 * objective MeZO fine-tunes, Malladi et al. 2023).
 */
public final class VerbalizerHead implements ClassHead {

    /** Unknown-token spellings of common vocabularies (BERT, RoBERTa/GPT-2, SentencePiece). */
    private static final java.util.Set<String> UNKNOWN = java.util.Set.of("[UNK]", "<unk>", "<|unk|>");

    private final ModelKind kind;
    private final Template template;
    private final String maskToken;
    private final int[] labelIds;

    private VerbalizerHead(ModelKind kind, Template template, String maskToken, int[] labelIds) {
        this.kind = kind;
        this.template = template;
        this.maskToken = maskToken;
        this.labelIds = labelIds;
    }

    /**
     * A head for {@code model}'s kind (MLM or causal). Every label word must be a single token; if not,
     * the verbalizer raises an error naming the word and its tokens.
     */
    public static VerbalizerHead of(LanguageModel model, Template template, Verbalizer verbalizer) {
        if (!model.kind().hasLogits()) {
            throw new IllegalArgumentException("a verbalizer head needs an LM with logits; this model is an encoder");
        }
        long[] ids = verbalizer.tokenIds(new TokenizerVocabulary(model.tokenizer()), template);
        int[] labelIds = new int[ids.length];
        for (int c = 0; c < ids.length; c++) {
            labelIds[c] = Math.toIntExact(ids[c]);
            String token = model.tokenizer().token(labelIds[c]);
            if (UNKNOWN.contains(token)) {
                throw new IllegalArgumentException("label word '" + verbalizer.word(c) + "' is not in the vocabulary of "
                        + model.tokenizer().file() + " (it tokenizes to " + token + ")");
            }
        }
        String mask = model.kind() == ModelKind.MLM
                ? model.tokenizer().token(model.tokenizer().maskId().orElseThrow()) : null;
        return new VerbalizerHead(model.kind(), template, mask, labelIds);
    }

    /** Vocabulary ids of the label words, in class order. */
    public int[] labelIds() {
        return labelIds.clone();
    }

    @Override
    public int classes() {
        return labelIds.length;
    }

    @Override
    public String render(String sentence) {
        return kind == ModelKind.MLM ? template.forMaskedLm(sentence, maskToken) : template.forCausalLm(sentence);
    }

    @Override
    public BatchScorer prepare(LanguageModel model) {
        return batch -> {
            Representations r = model.forward(batch, labelIds);
            double[][] out = new double[r.count()][r.dim()];
            for (int i = 0; i < r.count(); i++) {
                for (int c = 0; c < r.dim(); c++) {
                    out[i][c] = r.get(i, c);
                }
            }
            return out;
        };
    }
}
