package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.source.HfConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The token inputs a graph takes and the output a head reads.
 *
 * <p>Inputs are recognised by name (see {@link TokenInput}); {@code input_ids} is required and any other
 * non-weight input is refused (a KV cache's inputs are fed by {@link EmptyPast} before the signature is read). The output is {@code logits} ({@code [batch, seq, vocab]}: a language
 * model) if present, else {@code last_hidden_state} or {@code token_embeddings} (an encoder).
 *
 * @param tokenInputs token inputs the graph takes, in graph order
 * @param inputs      those inputs as declared
 * @param outputs     every graph output as declared
 * @param output      the output a head reads
 */
public record GraphSignature(List<TokenInput> tokenInputs, List<TensorSpec> inputs, List<TensorSpec> outputs,
                             TensorSpec output) {

    private static final List<String> HIDDEN_OUTPUTS = List.of("last_hidden_state", "token_embeddings");

    public GraphSignature {
        tokenInputs = List.copyOf(tokenInputs);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Reads the signature of {@code graph}; unsupported inputs or outputs are a one-line error. */
    public static GraphSignature of(GraphProto graph, Path modelFile) {
        Set<String> initializers = new HashSet<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.add(t.getName());
        }
        List<TokenInput> tokens = new ArrayList<>();
        List<TensorSpec> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (initializers.contains(v.getName())) {
                continue; // IR < 4 lists initializers as inputs too
            }
            TensorSpec spec = TensorSpec.of(v);
            TokenInput token = TokenInput.byName(v.getName()).orElseThrow(() -> new ModelException(
                    modelFile + ": unsupported graph input '" + v.getName() + "' (supported: input_ids, attention_mask, "
                            + "token_type_ids, position_ids; past_key_values.* and use_cache_branch are fed empty)"));
            if (!spec.type().equals("INT64")) {
                throw new ModelException(modelFile + ": input '" + v.getName() + "' is " + spec.type() + ", expected INT64");
            }
            tokens.add(token);
            inputs.add(spec);
        }
        if (!tokens.contains(TokenInput.INPUT_IDS)) {
            throw new ModelException(modelFile + ": no recognisable token input 'input_ids' (inputs: "
                    + (inputs.isEmpty() ? "none" : inputs.stream().map(TensorSpec::name).collect(Collectors.joining(", "))) + ")");
        }
        List<TensorSpec> outputs = graph.getOutputList().stream().map(TensorSpec::of).toList();
        return new GraphSignature(tokens, inputs, outputs, pickOutput(outputs, modelFile));
    }

    /** Whether the head reads vocabulary logits. */
    public boolean hasLogits() {
        return output.name().equals("logits");
    }

    /**
     * The model kind: {@code requested} if given (it must fit the output), else from the output and
     * {@code config.json}. A logits model without a flag or config that says MLM or causal is an error.
     */
    public ModelKind kind(ModelKind requested, HfConfig config, Path modelFile) {
        if (requested != null) {
            if (requested.hasLogits() != hasLogits()) {
                throw new ModelException(modelFile + ": --kind " + requested.label() + " needs "
                        + (requested.hasLogits() ? "a 'logits'" : "a hidden-state") + " output, the graph gives '"
                        + output.name() + "'");
            }
            return requested;
        }
        if (!hasLogits()) {
            return ModelKind.ENCODER;
        }
        return config.lmKind().orElseThrow(() -> new ModelException(modelFile
                + ": has a 'logits' output but no config.json says masked or causal LM; pass --kind mlm or --kind causal"));
    }

    private static TensorSpec pickOutput(List<TensorSpec> outputs, Path modelFile) {
        for (TensorSpec o : outputs) {
            if (o.name().equals("logits")) {
                return checked(o, modelFile);
            }
        }
        for (String name : HIDDEN_OUTPUTS) {
            for (TensorSpec o : outputs) {
                if (o.name().equals(name)) {
                    return checked(o, modelFile);
                }
            }
        }
        throw new ModelException(modelFile + ": no 'logits' or 'last_hidden_state' output (outputs: "
                + outputs.stream().map(TensorSpec::name).collect(Collectors.joining(", ")) + ")");
    }

    private static TensorSpec checked(TensorSpec o, Path modelFile) {
        if (!o.type().equals("FLOAT") || (!o.dims().isEmpty() && o.dims().size() != 3)) {
            throw new ModelException(modelFile + ": output '" + o.name() + "' is " + o.type() + " " + o.dims()
                    + ", expected FLOAT [batch, seq, width]");
        }
        return o;
    }
}
