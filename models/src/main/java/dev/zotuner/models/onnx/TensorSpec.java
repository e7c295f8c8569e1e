package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;

/**
 * A graph input or output as declared: name, element type and dims, where a dim is a number or a symbolic
 * name such as {@code batch_size} ({@code ?} when undeclared).
 *
 * @param name graph name
 * @param type ONNX element type ({@code INT64}, {@code FLOAT})
 * @param dims dims as text
 */
public record TensorSpec(String name, String type, List<String> dims) {

    public TensorSpec {
        dims = List.copyOf(dims);
    }

    /** Reads a value-info proto. */
    public static TensorSpec of(ValueInfoProto v) {
        TypeProto.Tensor tensor = v.getType().getTensorType();
        List<String> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension d : tensor.getShape().getDimList()) {
            dims.add(d.hasDimValue() ? Long.toString(d.getDimValue()) : d.getDimParam().isEmpty() ? "?" : d.getDimParam());
        }
        return new TensorSpec(v.getName(), TensorData.typeName(tensor.getElemType()), dims);
    }

    /** The last dim if it is a number, else -1. */
    public long lastDim() {
        if (dims.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(dims.get(dims.size() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return name + " " + type + " " + dims;
    }
}
