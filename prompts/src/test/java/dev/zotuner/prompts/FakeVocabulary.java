package dev.zotuner.prompts;

import java.util.ArrayList;
import java.util.List;

/**
 * A byte-level-BPE-like test vocabulary: a word after a space is the token {@code Ġword}, a word at
 * the start without {@code leadingSpace} is {@code word}; words not in the list fall apart into
 * one token per character (id 1000 + char).
 */
final class FakeVocabulary implements TokenVocabulary {

    private final List<String> tokens;

    FakeVocabulary(String... words) {
        List<String> t = new ArrayList<>();
        for (String w : words) {
            t.add(w);
            t.add("Ġ" + w);
        }
        this.tokens = List.copyOf(t);
    }

    @Override
    public long[] wordIds(String text, boolean leadingSpace) {
        List<Long> ids = new ArrayList<>();
        String[] words = text.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (words[i].isEmpty()) {
                continue;
            }
            String key = (i > 0 || leadingSpace ? "Ġ" : "") + words[i];
            int id = tokens.indexOf(key);
            if (id >= 0) {
                ids.add((long) id);
            } else {
                words[i].chars().forEach(c -> ids.add(1000L + c));
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public String token(int id) {
        return id >= 1000 ? String.valueOf((char) (id - 1000)) : tokens.get(id);
    }
}
