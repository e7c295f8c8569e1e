package dev.zotuner.eval;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.prompts.Template;
import dev.zotuner.tasks.Example;
import dev.zotuner.tasks.LabelSet;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.kshot.KShotSplit;
import dev.zotuner.tasks.kshot.TaskSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Shared test data: tiny models' loader, a two-class task over the tiny vocabulary, and its prompts. */
final class TinyFixtures {

    static final LabelSet LABELS = LabelSet.of(List.of("0", "1"));
    static final PromptSet MASKED = new PromptSet("test", new Template("<sentence> it was [MASK] ."),
            Map.of("0", "terrible", "1", "great"));
    static final PromptSet CAUSAL = new PromptSet("test", new Template("<sentence> it was [MASK]"),
            Map.of("0", "terrible", "1", "great"));

    private static final List<String> POSITIVE = List.of("loved", "best", "fun", "great", "good");
    private static final List<String> NEGATIVE = List.of("hated", "worst", "boring", "terrible", "bad");
    private static final List<String> FILLER = List.of("the", "movie", "film", "story", "plot", "acting", "really", "very");

    private TinyFixtures() {
    }

    static LanguageModel load(Path dir, Path cache) {
        return LanguageModel.load(ModelSpec.of(dir.toString()).withCacheDir(cache));
    }

    /** Sentences of a cue word among filler words; positive ones contain a positive word. */
    static Task task(int trainPerClass, int testPerClass, int maxFiller, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Task("tiny", LABELS, examples(trainPerClass, maxFiller, r), examples(testPerClass, maxFiller, r),
                "tiny sentiment");
    }

    static TaskSplit split(int k, long seed) {
        return KShotSplit.sample(task(3 * k, 10, 7, seed), k, seed);
    }

    /** Sentences of one cue word and at most {@code maxFiller} others. */
    static TaskSplit split(int k, int maxFiller, long seed) {
        return KShotSplit.sample(task(3 * k, 50, maxFiller, seed), k, seed);
    }

    private static List<Example> examples(int perClass, int maxFiller, SplittableRandom r) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < 2 * perClass; i++) {
            int label = i % 2;
            List<String> words = new ArrayList<>();
            int n = r.nextInt(maxFiller + 1);
            for (int w = 0; w < n; w++) {
                words.add(FILLER.get(r.nextInt(FILLER.size())));
            }
            List<String> cue = label == 1 ? POSITIVE : NEGATIVE;
            words.add(r.nextInt(words.size() + 1), cue.get(r.nextInt(cue.size())));
            out.add(new Example(i, String.join(" ", words), label));
        }
        return out;
    }
}
