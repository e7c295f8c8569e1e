package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A choice of trainable tensors that never splits a tie ({@link TieFinder}: tied embeddings that constant folding
 * left as the embedding and an exact copy or transpose for the LM head): a tied tensor is trained exactly when the
 * <em>primary</em> of its tie is, the member a forward pass meets first (embeddings, then layers, then rest; graph
 * order within a block). {@code --train-layers top:K}, which freezes the embeddings, therefore leaves a tied LM head
 * frozen with them: the frozen prefix stays cacheable and the export stays tied, as it does for an export that keeps
 * one tensor for both. {@code --trainable '^embeddings/'} trains the head with the embedding, as one tensor
 * ({@link TiedWeights}). LoRA puts no adapter on a tied weight ({@link #untied}), since an adapter on one member would
 * untie the merged export.
 *
 * @param tensors the trainable tensors after the rule, in graph order
 * @param frozen  ties left frozen with their primary: members the choice had taken, each with its primary
 */
record KeptTies(List<TensorProto> tensors, List<TiedWeights.Tie> frozen) {

    private record Edge(String to, boolean transposed) {
    }

    KeptTies {
        tensors = List.copyOf(tensors);
        frozen = List.copyOf(frozen);
    }

    /**
     * {@code chosen} (in graph order) made whole: members of a tie follow its primary.
     *
     * @param blocks block of every initializer, for the forward order
     */
    static KeptTies apply(OnnxFile file, Map<String, String> blocks, List<TensorProto> chosen) {
        GraphProto graph = file.proto().getGraph();
        Set<String> trained = new HashSet<>();
        chosen.forEach(t -> trained.add(t.getName()));
        Map<String, Integer> index = new HashMap<>();
        Map<String, TensorProto> byName = new HashMap<>();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            index.put(graph.getInitializer(i).getName(), i);
            byName.put(graph.getInitializer(i).getName(), graph.getInitializer(i));
        }
        if (graph.getInitializerList().stream().noneMatch(t -> !trained.contains(t.getName())
                && TrainableSelection.isFloatWeight(t) && t.getDimsCount() >= 2)) {
            return new KeptTies(chosen, List.of());     // nothing frozen a chosen tensor could be tied to
        }
        TieFinder finder = new TieFinder(graph, file.directory());
        Map<String, List<Edge>> edges = new HashMap<>();
        for (TensorProto t : chosen) {
            for (TieFinder.Partner p : finder.partners(t, o -> !trained.contains(o.getName()))) {
                edges.computeIfAbsent(t.getName(), k -> new ArrayList<>()).add(new Edge(p.tensor().getName(), p.transposed()));
                edges.computeIfAbsent(p.tensor().getName(), k -> new ArrayList<>()).add(new Edge(t.getName(), p.transposed()));
            }
        }
        Comparator<String> forward = Comparator.comparing((String n) -> blocks.get(n), BlockNames.order())
                .thenComparing(index::get);
        Set<String> keep = new HashSet<>(trained);
        List<TiedWeights.Tie> frozen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String start : edges.keySet().stream().sorted(forward).toList()) {
            if (!seen.add(start)) {
                continue;
            }
            Map<String, Boolean> group = component(start, edges);   // member → transposed relative to start
            seen.addAll(group.keySet());
            String primary = group.keySet().stream().min(forward).orElseThrow();
            for (Map.Entry<String, Boolean> m : group.entrySet()) {
                boolean transposed = m.getValue() != group.get(primary);
                if (m.getKey().equals(primary)) {
                    continue;
                }
                if (trained.contains(primary)) {
                    keep.add(m.getKey());
                } else if (keep.remove(m.getKey())) {
                    frozen.add(new TiedWeights.Tie(primary, m.getKey(), transposed, TensorData.elementCount(byName.get(m.getKey()))));
                }
            }
        }
        frozen.sort(Comparator.comparing(TiedWeights.Tie::partner, forward));
        List<TensorProto> tensors = graph.getInitializerList().stream().filter(t -> keep.contains(t.getName())).toList();
        if (tensors.isEmpty()) {
            throw new ModelException(file.path() + ": every tensor chosen to train is tied to a frozen one ("
                    + frozen.get(0) + "); choose its primary too, or pass --untie-weights to train it alone");
        }
        return new KeptTies(tensors, frozen);
    }

    /** Which weights (by name) are tied to no other, so may take a LoRA adapter. */
    static Predicate<String> untied(OnnxFile file) {
        GraphProto graph = file.proto().getGraph();
        Map<String, TensorProto> byName = new HashMap<>();
        graph.getInitializerList().forEach(t -> byName.put(t.getName(), t));
        TieFinder finder = new TieFinder(graph, file.directory());
        return name -> !byName.containsKey(name) || !finder.isTied(byName.get(name));
    }

    /** The members reachable from {@code start}, each with whether it is transposed relative to {@code start}. */
    private static Map<String, Boolean> component(String start, Map<String, List<Edge>> edges) {
        Map<String, Boolean> group = new HashMap<>(Map.of(start, false));
        ArrayDeque<String> work = new ArrayDeque<>(List.of(start));
        while (!work.isEmpty()) {
            String n = work.pop();
            for (Edge e : edges.getOrDefault(n, List.of())) {
                if (!group.containsKey(e.to())) {
                    group.put(e.to(), group.get(n) ^ e.transposed());
                    work.push(e.to());
                }
            }
        }
        return group;
    }
}
