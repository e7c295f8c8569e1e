package dev.zotuner.tasks.kshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link TaskSplit} was drawn, enough to redraw it: written to {@code split.json}.
 *
 * @param task          task id
 * @param source        where the task's data came from ({@code Task.description()})
 * @param protocol      the sampling procedure, in words
 * @param k             examples per class requested for train and for dev
 * @param seed          the split seed
 * @param testCap       maximum test size, or {@link KShotSplit#NO_TEST_CAP}
 * @param testCapSeed   seed of the test subsample (fixed, the same for every split seed)
 * @param trainPool     size of the training pool the split was drawn from
 * @param testPool      size of the evaluation set before the cap
 * @param trainPerClass train examples taken per class (less than k if the class is short)
 * @param devPerClass   dev examples taken per class (less than k if the class is short)
 */
public record SplitProvenance(String task, String source, String protocol, int k, long seed,
                              int testCap, long testCapSeed, int trainPool, int testPool,
                              List<Integer> trainPerClass, List<Integer> devPerClass) {

    public SplitProvenance {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(protocol, "protocol");
        trainPerClass = List.copyOf(trainPerClass);
        devPerClass = List.copyOf(devPerClass);
    }

    /** Classes that had fewer than 2k examples, so their train or dev part is smaller than k. */
    public List<Integer> shortClasses() {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < devPerClass.size(); c++) {
            if (trainPerClass.get(c) < k || devPerClass.get(c) < k) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }
}
