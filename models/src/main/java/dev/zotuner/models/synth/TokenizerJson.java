package dev.zotuner.models.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} with exactly the model's vocabulary size, in the family's format: BERT's
 * lower-casing WordPiece ({@code [CLS] text [SEP]}, {@code [MASK]} = 103), RoBERTa's byte-level BPE
 * ({@code <s> text </s>}, {@code <mask>} last), OPT's (a leading {@code </s>}), Llama 3's (a leading
 * {@code <|begin_of_text|>}, 256 special tokens at the end). Whole words are vocabulary entries looked up before any
 * merge ({@code ignore_merges}, as Llama 3's tokenizer does); other words fall back to letter pairs, then single
 * characters or bytes, so every text encodes.
 */
final class TokenizerJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./0123456789:;<=>?@[\\]^_`{|}~";
    private static final int CAPITALISED = 300;
    private static final int LLAMA_SPECIALS = 256;

    private TokenizerJson() {
    }

    /** The tokenizer of {@code architecture} with {@code vocab} ids. */
    static String of(Architecture architecture, int vocab) {
        return architecture == Architecture.BERT ? wordPiece(vocab) : byteLevel(architecture, vocab);
    }

    private static String wordPiece(int size) {
        Vocab v = new Vocab(size, 0);
        List<String> specials = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
        v.add("[PAD]", true);
        int unused = v.fill("[unused", "]", 0, Math.min(100, size - 4));
        specials.subList(1, 5).forEach(s -> v.add(s, true));
        for (char c : (LETTERS + PUNCTUATION).toCharArray()) {
            v.add(String.valueOf(c), true);
            v.add("##" + c, true);
        }
        Vocab.LABEL_WORDS.forEach(w -> v.add(w.toLowerCase(Locale.ROOT), true));
        Vocab.words().forEach(w -> v.add(w, false));
        for (char a : LETTERS.toCharArray()) {
            for (char b : LETTERS.toCharArray()) {
                v.add("##" + a + b, false);
            }
        }
        v.fill("[unused", "]", unused, size);
        ObjectNode root = skeleton(v, specials);
        root.set("normalizer", JSON.createObjectNode().put("type", "BertNormalizer").put("clean_text", true)
                .put("handle_chinese_chars", true).putNull("strip_accents").put("lowercase", true));
        root.set("pre_tokenizer", JSON.createObjectNode().put("type", "BertPreTokenizer"));
        ObjectNode post = JSON.createObjectNode().put("type", "BertProcessing");
        post.set("sep", JSON.createArrayNode().add("[SEP]").add(v.ids().get("[SEP]")));
        post.set("cls", JSON.createArrayNode().add("[CLS]").add(v.ids().get("[CLS]")));
        root.set("post_processor", post);
        root.set("decoder", JSON.createObjectNode().put("type", "WordPiece").put("prefix", "##").put("cleanup", true));
        ObjectNode model = JSON.createObjectNode().put("type", "WordPiece").put("unk_token", "[UNK]")
                .put("continuing_subword_prefix", "##").put("max_input_chars_per_word", 100);
        model.set("vocab", vocabNode(v));
        root.set("model", model);
        return root.toString();
    }

    private static String byteLevel(Architecture architecture, int size) {
        boolean llama = architecture == Architecture.LLAMA;
        List<String> head = llama ? List.of() : List.of("<s>", "<pad>", "</s>", "<unk>");
        List<String> tail = new ArrayList<>();
        if (llama) {
            tail.addAll(List.of("<|begin_of_text|>", "<|end_of_text|>"));
            for (int i = 0; tail.size() < LLAMA_SPECIALS; i++) {
                tail.add("<|reserved_special_token_" + i + "|>");
            }
        } else if (architecture == Architecture.ROBERTA) {
            tail.add("<mask>");
        }
        Vocab v = new Vocab(size, tail.size());
        head.forEach(s -> v.add(s, true));
        for (char c : Vocab.byteAlphabet()) {
            v.add(String.valueOf(c), true);
        }
        for (String w : Vocab.LABEL_WORDS) {
            for (String form : List.of(w, w.toLowerCase(Locale.ROOT))) {
                v.add(form, true);
                v.add("Ġ" + form, true);
            }
        }
        List<String> words = new ArrayList<>(Vocab.words());
        words.addAll(words.stream().limit(CAPITALISED).map(TokenizerJson::capitalise).toList());
        words.forEach(w -> {
            v.add("Ġ" + w, false);
            v.add(w, false);
        });
        List<String> merges = new ArrayList<>();
        for (char a : LETTERS.toCharArray()) {
            if (v.add("Ġ" + a, false)) {
                merges.add("Ġ " + a);
            }
        }
        for (char a : LETTERS.toCharArray()) {
            for (char b : LETTERS.toCharArray()) {
                if (v.add("" + a + b, false)) {
                    merges.add(a + " " + b);
                }
            }
        }
        v.fill("<|synthetic_", "|>", 0, size);
        tail.forEach(v::addReserved);
        List<String> specials = new ArrayList<>(head);
        specials.addAll(tail);
        ObjectNode root = skeleton(v, specials);
        root.putNull("normalizer");
        root.set("pre_tokenizer", JSON.createObjectNode().put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", true).put("use_regex", true));
        root.set("post_processor", architecture == Architecture.ROBERTA ? robertaProcessing(v)
                : prefixTemplate(llama ? tail.get(0) : "</s>", v));
        root.set("decoder", JSON.createObjectNode().put("type", "ByteLevel").put("add_prefix_space", true)
                .put("trim_offsets", true).put("use_regex", true));
        ObjectNode model = JSON.createObjectNode().put("type", "BPE").putNull("dropout").putNull("unk_token")
                .put("continuing_subword_prefix", "").put("end_of_word_suffix", "").put("fuse_unk", false)
                .put("byte_fallback", false).put("ignore_merges", true);
        model.set("vocab", vocabNode(v));
        ArrayNode m = model.putArray("merges");
        merges.forEach(m::add);
        root.set("model", model);
        return root.toString();
    }

    private static ObjectNode robertaProcessing(Vocab v) {
        ObjectNode post = JSON.createObjectNode().put("type", "RobertaProcessing");
        post.set("sep", JSON.createArrayNode().add("</s>").add(v.ids().get("</s>")));
        post.set("cls", JSON.createArrayNode().add("<s>").add(v.ids().get("<s>")));
        return post.put("trim_offsets", true).put("add_prefix_space", false);
    }

    /** {@code <first> $A} (and {@code <first> $A $B:1}). */
    private static ObjectNode prefixTemplate(String first, Vocab v) {
        ObjectNode post = JSON.createObjectNode().put("type", "TemplateProcessing");
        ObjectNode special = JSON.createObjectNode();
        special.putObject("SpecialToken").put("id", first).put("type_id", 0);
        ObjectNode a = JSON.createObjectNode();
        a.putObject("Sequence").put("id", "A").put("type_id", 0);
        ObjectNode b = JSON.createObjectNode();
        b.putObject("Sequence").put("id", "B").put("type_id", 1);
        post.putArray("single").add(special).add(a);
        post.putArray("pair").add(special).add(a).add(special).add(b);
        ObjectNode entry = post.putObject("special_tokens").putObject(first).put("id", first);
        entry.putArray("ids").add(v.ids().get(first));
        entry.putArray("tokens").add(first);
        return post;
    }

    private static ObjectNode skeleton(Vocab v, List<String> specials) {
        ObjectNode root = JSON.createObjectNode().put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String s : specials) {
            added.addObject().put("id", v.ids().get(s)).put("content", s).put("single_word", false)
                    .put("lstrip", s.equals("<mask>")).put("rstrip", false).put("normalized", false).put("special", true);
        }
        return root;
    }

    private static ObjectNode vocabNode(Vocab v) {
        ObjectNode vocab = JSON.createObjectNode();
        for (Map.Entry<String, Integer> e : v.ids().entrySet()) {
            vocab.put(e.getKey(), e.getValue());
        }
        return vocab;
    }

    private static String capitalise(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
