package dev.zotuner.models.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Hugging Face {@code tokenizer.json} documents for the tiny models: 5 special tokens + 30 words. */
public final class TinyTokenizers {

    /** Lower-case words, ids 5..34. */
    public static final List<String> WORDS = List.of("the", "a", "movie", "film", "was", "is", "great", "terrible",
            "good", "bad", "it", "and", "but", "not", "very", "really", "fun", "boring", "story", "plot", "acting",
            "i", "loved", "hated", "this", "that", "best", "worst", "ever", "ok");
    /** BERT-style special tokens, ids 0..4. */
    public static final List<String> BERT_SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
    /** GPT-style special tokens, ids 0..4 (no mask). */
    public static final List<String> GPT_SPECIALS = List.of("<pad>", "<unk>", "<s>", "</s>", "<nl>");
    /** Vocabulary size of every tiny tokenizer. */
    public static final int VOCAB = 35;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyTokenizers() {
    }

    /**
     * WordPiece, lower-casing, {@code [CLS] text [SEP]}; its own padding section says Fixed(16), which the
     * loader must override with batch-longest padding.
     */
    public static String bert() {
        ObjectNode root = skeleton(BERT_SPECIALS);
        root.set("padding", JSON.createObjectNode().<ObjectNode>set("strategy", JSON.createObjectNode().put("Fixed", 16))
                .put("direction", "Right").putNull("pad_to_multiple_of").put("pad_id", 0).put("pad_type_id", 0)
                .put("pad_token", "[PAD]"));
        root.set("normalizer", JSON.createObjectNode().put("type", "BertNormalizer").put("clean_text", true)
                .put("handle_chinese_chars", true).putNull("strip_accents").put("lowercase", true));
        root.set("pre_tokenizer", JSON.createObjectNode().put("type", "BertPreTokenizer"));
        ObjectNode post = JSON.createObjectNode().put("type", "BertProcessing");
        post.set("sep", JSON.createArrayNode().add("[SEP]").add(3));
        post.set("cls", JSON.createArrayNode().add("[CLS]").add(2));
        root.set("post_processor", post);
        ObjectNode model = JSON.createObjectNode().put("type", "WordPiece").put("unk_token", "[UNK]")
                .put("continuing_subword_prefix", "##").put("max_input_chars_per_word", 100);
        model.set("vocab", vocab(BERT_SPECIALS));
        root.set("model", model);
        return root.toString();
    }

    /** Word-level, lower-casing, whitespace split, no special tokens added, no mask token. */
    public static String gpt() {
        ObjectNode root = skeleton(GPT_SPECIALS);
        root.putNull("padding");
        root.set("normalizer", JSON.createObjectNode().put("type", "Lowercase"));
        root.set("pre_tokenizer", JSON.createObjectNode().put("type", "Whitespace"));
        root.putNull("post_processor");
        ObjectNode model = JSON.createObjectNode().put("type", "WordLevel").put("unk_token", "<unk>");
        model.set("vocab", vocab(GPT_SPECIALS));
        root.set("model", model);
        return root.toString();
    }

    private static ObjectNode skeleton(List<String> specials) {
        ObjectNode root = JSON.createObjectNode().put("version", "1.0");
        root.putNull("truncation");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < specials.size(); i++) {
            added.addObject().put("id", i).put("content", specials.get(i)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("decoder");
        return root;
    }

    private static ObjectNode vocab(List<String> specials) {
        ObjectNode vocab = JSON.createObjectNode();
        for (int i = 0; i < specials.size(); i++) {
            vocab.put(specials.get(i), i);
        }
        for (int i = 0; i < WORDS.size(); i++) {
            vocab.put(WORDS.get(i), specials.size() + i);
        }
        return vocab;
    }
}
