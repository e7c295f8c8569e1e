package dev.zotuner.tasks.kshot;

import dev.zotuner.tasks.Example;
import dev.zotuner.tasks.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The k-shot protocol of LM-BFF (Gao et al. 2021, {@code tools/generate_k_shot_data.py}), used by
 * MeZO (Malladi et al. 2023):
 *
 * <ol>
 *   <li>Permute the training pool with {@code new SplitMix64(seed).permutation(n)} (Fisher–Yates).</li>
 *   <li>Walk the permuted pool; the first k examples of each class go to train, the next k to dev.
 *       Both lists keep the permuted order (classes interleaved).</li>
 *   <li>A class with fewer than 2k examples gives what it has, train first, as LM-BFF's
 *       {@code [:k]} / {@code [k:2k]} slices do: TREC's ABBR (86 rows) at k = 512 gives 86 train and
 *       0 dev examples. {@link SplitProvenance#shortClasses()} lists such classes.</li>
 *   <li>The test set is the task's evaluation set; with a cap, {@code testCap} rows are chosen by
 *       {@code new SplitMix64(TEST_CAP_SEED).permutation(n)} and kept in file order, so every split
 *       seed is evaluated on the same subset.</li>
 * </ol>
 * Same task, k, seed and cap give the same split on every machine and JVM.
 */
public final class KShotSplit {

    /** The seeds LM-BFF and MeZO report over. */
    public static final List<Long> DEFAULT_SEEDS = List.of(13L, 21L, 42L, 87L, 100L);

    /** Test cap meaning "use the whole evaluation set". */
    public static final int NO_TEST_CAP = 0;

    /** Seed of the capped test subsample; fixed so all split seeds share one test subset. */
    public static final long TEST_CAP_SEED = 0L;

    static final String PROTOCOL = "LM-BFF k-shot: SplitMix64(seed) Fisher-Yates permutation of the"
            + " train pool; per class, first k -> train, next k -> dev; test capped by"
            + " SplitMix64(testCapSeed) permutation, kept in file order";

    private KShotSplit() {
    }

    /** {@link #sample(Task, int, long, int)} with the whole evaluation set as test. */
    public static TaskSplit sample(Task task, int k, long seed) {
        return sample(task, k, seed, NO_TEST_CAP);
    }

    /**
     * Draws the k-shot split of {@code task} for {@code seed}.
     *
     * @param k       examples per class for train and for dev (16 and 512 are the standard values)
     * @param testCap maximum test size, or {@link #NO_TEST_CAP}
     */
    public static TaskSplit sample(Task task, int k, long seed, int testCap) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        if (testCap < 0) {
            throw new IllegalArgumentException("test cap must be >= 0, got " + testCap);
        }
        List<Example> pool = task.train();
        int[] taken = new int[task.numClasses()];
        int[] inTrain = new int[task.numClasses()];
        List<Example> train = new ArrayList<>();
        List<Example> dev = new ArrayList<>();
        for (int i : new SplitMix64(seed).permutation(pool.size())) {
            Example e = pool.get(i);
            int t = taken[e.label()]++;
            if (t < k) {
                train.add(e);
                inTrain[e.label()]++;
            } else if (t < 2 * k) {
                dev.add(e);
            }
        }
        List<Integer> trainPerClass = new ArrayList<>();
        List<Integer> devPerClass = new ArrayList<>();
        for (int c = 0; c < taken.length; c++) {
            trainPerClass.add(inTrain[c]);
            devPerClass.add(Math.min(taken[c], 2 * k) - inTrain[c]);
        }
        List<Example> test = capped(task.test(), testCap);
        SplitProvenance provenance = new SplitProvenance(task.name(), task.description(), PROTOCOL,
                k, seed, testCap, TEST_CAP_SEED, pool.size(), task.test().size(),
                trainPerClass, devPerClass);
        return new TaskSplit(task.name(), task.labels(), train, dev, test, provenance);
    }

    /** At most {@code cap} examples of {@code test}, chosen with {@link #TEST_CAP_SEED}, in file order. */
    static List<Example> capped(List<Example> test, int cap) {
        if (cap == NO_TEST_CAP || test.size() <= cap) {
            return test;
        }
        int[] chosen = Arrays.copyOf(new SplitMix64(TEST_CAP_SEED).permutation(test.size()), cap);
        Arrays.sort(chosen);
        List<Example> out = new ArrayList<>(cap);
        for (int i : chosen) {
            out.add(test.get(i));
        }
        return out;
    }
}
