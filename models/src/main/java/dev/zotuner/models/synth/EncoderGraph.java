package dev.zotuner.models.synth;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;

/**
 * {@code BertForMaskedLM} and {@code RobertaForMaskedLM} (post-LN encoder, exact GELU, no pooler) with Hugging Face's
 * parameter names ({@code bert.encoder.layer.0.attention.self.query.bias}, {@code roberta.embeddings.LayerNorm.weight},
 * {@code cls.predictions.bias}, {@code lm_head.dense.bias}) and module scopes. Inputs {@code input_ids},
 * {@code attention_mask} (and BERT's {@code token_type_ids}); output {@code logits [batch, seq, vocab]}. The decoder
 * is tied to the word embeddings. RoBERTa counts positions from its padding index 1, as {@code
 * create_position_ids_from_input_ids} does, and has one token type.
 */
final class EncoderGraph {

    private static final long ROBERTA_PAD = 1;

    private EncoderGraph() {
    }

    static GraphBuilder.Built build(ModelShape s) {
        boolean bert = s.architecture() == Architecture.BERT;
        String p = bert ? "bert" : "roberta";
        String root = "/" + p;
        GraphBuilder g = new GraphBuilder("main_graph", 1000 + s.layers());
        Modules m = new Modules(g);
        Attention att = new Attention(m);
        int type = TensorProto.DataType.INT64_VALUE;
        String ids = g.input("input_ids", type, "batch_size", "sequence_length");
        String mask = g.input("attention_mask", type, "batch_size", "sequence_length");
        String types = bert ? g.input("token_type_ids", type, "batch_size", "sequence_length") : null;
        String ext = att.paddingMask(root, mask);

        String emb = root + "/embeddings";
        String words = g.weight(p + ".embeddings.word_embeddings.weight", WeightInit.normal(), s.vocab(), s.hidden());
        g.weight(p + ".embeddings.position_embeddings.weight", WeightInit.normal(), s.maxPositions(), s.hidden());
        g.weight(p + ".embeddings.token_type_embeddings.weight", WeightInit.normal(), bert ? 2 : 1, s.hidden());
        if (types == null) {     // RoBERTa: token types all 0, from the buffered zeros
            String shape = g.op(emb, "Shape", List.of(ids));
            types = g.op(emb, "ConstantOfShape", List.of(shape), GraphBuilder.attr("value",
                    GraphBuilder.tensor(type, GraphBuilder.buffer(8).putLong(0), 1)));
        }
        String x = g.op(emb, "Add", List.of(m.embedding(emb + "/word_embeddings", words, ids),
                m.embedding(emb + "/token_type_embeddings", p + ".embeddings.token_type_embeddings.weight", types)));
        String positions = bert ? bertPositions(g, m, emb, ids) : robertaPositions(g, m, emb, ids);
        x = g.op(emb, "Add", List.of(x, m.embedding(emb + "/position_embeddings",
                p + ".embeddings.position_embeddings.weight", positions)));
        x = m.layerNorm(emb + "/LayerNorm", x, p + ".embeddings.LayerNorm", s.hidden(), s.eps());

        for (int i = 0; i < s.layers(); i++) {
            x = layer(m, att, s, root + "/encoder/layer." + i, p + ".encoder.layer." + i, x, ext);
        }
        if (bert) {
            String t = "/cls/predictions/transform";
            x = m.linear(t + "/dense", x, "cls.predictions.transform.dense", s.hidden(), s.hidden(), true);
            x = m.gelu(t + "/transform_act_fn", x);
            x = m.layerNorm(t + "/LayerNorm", x, "cls.predictions.transform.LayerNorm", s.hidden(), s.eps());
            m.tiedHead("/cls/predictions/decoder", x, words, "cls.predictions.bias");
        } else {
            x = m.linear("/lm_head/dense", x, "lm_head.dense", s.hidden(), s.hidden(), true);
            x = m.gelu("/lm_head", x);
            x = m.layerNorm("/lm_head/layer_norm", x, "lm_head.layer_norm", s.hidden(), s.eps());
            m.tiedHead("/lm_head/decoder", x, words, "lm_head.bias");
        }
        g.output("logits", TensorProto.DataType.FLOAT_VALUE, "batch_size", "sequence_length", s.vocab());
        return g.build();
    }

    /** One {@code BertLayer}: self-attention, add & norm, GELU MLP, add & norm. */
    private static String layer(Modules m, Attention att, ModelShape s, String scope, String p, String x, String mask) {
        GraphBuilder g = m.graph();
        int h = s.hidden();
        int d = s.headDim();
        String self = scope + "/attention/self";
        String q = m.linear(self + "/query", x, p + ".attention.self.query", h, h, true);
        String k = m.linear(self + "/key", x, p + ".attention.self.key", h, h, true);
        String v = m.linear(self + "/value", x, p + ".attention.self.value", h, h, true);
        String ctx = att.attend(self, att.split(self, q, s.heads(), d, false), att.split(self, k, s.heads(), d, true),
                att.split(self, v, s.heads(), d, false), mask, (float) Math.sqrt(d), h);
        String out = scope + "/attention/output";
        String a = m.linear(out + "/dense", ctx, p + ".attention.output.dense", h, h, true);
        a = m.layerNorm(out + "/LayerNorm", g.op(out, "Add", List.of(a, x)), p + ".attention.output.LayerNorm", h, s.eps());
        String inter = m.linear(scope + "/intermediate/dense", a, p + ".intermediate.dense", h, s.intermediate(), true);
        inter = m.gelu(scope + "/intermediate/intermediate_act_fn", inter);
        String o = m.linear(scope + "/output/dense", inter, p + ".output.dense", s.intermediate(), h, true);
        return m.layerNorm(scope + "/output/LayerNorm", g.op(scope + "/output", "Add", List.of(o, a)),
                p + ".output.LayerNorm", h, s.eps());
    }

    /** {@code position_ids[:, :seq]}: 0, 1, ..., seq − 1, shape {@code [1, seq]}. */
    private static String bertPositions(GraphBuilder g, Modules m, String scope, String ids) {
        String seq = m.dim(scope, ids, 1);
        String range = g.op(scope, "Range", List.of(g.int64(scope, 0), seq, g.int64(scope, 1)));
        return m.unsqueeze(scope, range, 0);
    }

    /** {@code cumsum(ids ≠ pad) · (ids ≠ pad) + pad}: real tokens count from 2, padding stays at 1. */
    private static String robertaPositions(GraphBuilder g, Modules m, String scope, String ids) {
        String real = g.op(scope, "Not", List.of(g.op(scope, "Equal", List.of(ids, g.int64(scope, ROBERTA_PAD)))));
        String r = m.cast(scope, real, TensorProto.DataType.INT64);
        String sum = g.op(scope, "CumSum", List.of(r, g.int64(scope, 1)));
        return g.op(scope, "Add", List.of(g.op(scope, "Mul", List.of(sum, r)), g.int64(scope, ROBERTA_PAD)));
    }
}
