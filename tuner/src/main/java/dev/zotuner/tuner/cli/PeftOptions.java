package dev.zotuner.tuner.cli;

import dev.zotuner.models.Peft;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.tuner.train.PeftConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * Parameter-efficient choices shared by {@code finetune}, {@code trace} and {@code bench step}: train the top K
 * layers, BitFit's biases, or LoRA adapters (Hugging Face PEFT's names and defaults); mix in with
 * {@code @Mixin PeftOptions peft;}.
 */
public final class PeftOptions {

    @Option(names = "--train-layers", defaultValue = "all", paramLabel = "all|top:K", converter = TopLayers.class,
            description = "Train only the top K transformer layers (and the head above them); the frozen layers below "
                    + "run once per example (see --cache-mib). Default: ${DEFAULT-VALUE}.")
    int topLayers;

    @Option(names = "--peft", defaultValue = "none", paramLabel = "none|bitfit|lora",
            description = "Parameter-efficient method: bitfit trains the biases (Ben Zaken et al. 2022), lora trains "
                    + "low-rank adapters A·B added to the --lora-targets MatMuls (Hu et al. 2022). Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--bitfit-layernorm", description = "BitFit also trains LayerNorm scales and shifts.")
    boolean bitfitLayerNorm;

    @Option(names = "--lora-rank", defaultValue = "" + Peft.DEFAULT_RANK, paramLabel = "R",
            description = "LoRA rank r. Default: ${DEFAULT-VALUE}.")
    int loraRank;

    @Option(names = "--lora-alpha", defaultValue = "" + Peft.DEFAULT_ALPHA, paramLabel = "A",
            description = "LoRA α; the adapters' output is scaled by α/r. Default: ${DEFAULT-VALUE}.")
    double loraAlpha;

    @Option(names = "--lora-targets", defaultValue = Peft.DEFAULT_TARGETS, paramLabel = "REGEX",
            description = "Regex searched in each MatMul's module path (e.g. encoder.layer.0.attention.self.query); "
                    + "default: query and value (BERT), q_proj and v_proj (OPT, LLaMA), c_attn (GPT-2).")
    String loraTargets;

    /** What {@code config.json} records. */
    public PeftConfig config() {
        return new PeftConfig(topLayers, method, bitfitLayerNorm, loraRank, loraAlpha, loraTargets);
    }

    /** {@code spec} with these choices; LoRA's A is initialised from {@code seed}. */
    public ModelSpec apply(ModelSpec spec, long seed) {
        PeftConfig c = config();
        return spec.withTopLayers(c.topLayers()).withPeft(c.peft(seed));
    }

    /** Parses {@code all} (0) or {@code top:K}. */
    static final class TopLayers implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.equals("all")) {
                return 0;
            }
            if (value.startsWith("top:")) {
                try {
                    int k = Integer.parseInt(value.substring(4));
                    if (k >= 1) {
                        return k;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            throw new IllegalArgumentException("--train-layers '" + value + "': expected all or top:K with K ≥ 1");
        }
    }
}
