package dev.zotuner.tasks;

import java.util.List;

/**
 * The tasks bundled with zo-tuner, with the files and class order LM-BFF (Gao et al. 2021,
 * "Making Pre-trained Language Models Better Few-shot Learners") and MeZO (Malladi et al. 2023)
 * use. File paths are relative to {@link BundledData#RESOURCE_ROOT}; see the README there.
 */
public enum BuiltinTask {
    /** SST-2; evaluated on the 872-sentence dev set, which LM-BFF/MeZO report as "test". */
    SST2("sst2", "sst2/train.tsv", "sst2/dev.tsv",
            new LabelSet(List.of("0", "1"), List.of("negative", "positive"))),
    /** SST-5; evaluated on the official 2,210-sentence test set. */
    SST5("sst5", "sst5/train.tsv", "sst5/test.tsv",
            new LabelSet(List.of("0", "1", "2", "3", "4"),
                    List.of("very negative", "negative", "neutral", "positive", "very positive"))),
    /** TREC coarse question types; classes in LM-BFF's integer order (DESC=0 ... NUM=5). */
    TREC("trec", "trec/train.tsv", "trec/test.tsv",
            new LabelSet(List.of("DESC", "ENTY", "ABBR", "HUM", "LOC", "NUM"),
                    List.of("description", "entity", "abbreviation", "human", "location", "numeric")));

    private final String id;
    private final String trainFile;
    private final String testFile;
    private final LabelSet labels;

    BuiltinTask(String id, String trainFile, String testFile, LabelSet labels) {
        this.id = id;
        this.trainFile = trainFile;
        this.testFile = testFile;
        this.labels = labels;
    }

    /** The task id users type, e.g. {@code sst2}. */
    public String id() {
        return id;
    }

    /** Training pool file, relative to the bundled data root. */
    public String trainFile() {
        return trainFile;
    }

    /** Evaluation file, relative to the bundled data root. */
    public String testFile() {
        return testFile;
    }

    /** Label values (as in the files) and names, in class order. */
    public LabelSet labels() {
        return labels;
    }

    /** The built-in task with id {@code id} (case-insensitive; {@code sst-2} also accepted). */
    public static BuiltinTask byId(String id) {
        String key = id.strip().replace("-", "");
        for (BuiltinTask t : values()) {
            if (t.id.equalsIgnoreCase(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + id + "' (built-in tasks: sst2, sst5, trec;"
                + " other data: load it as a custom task)");
    }
}
