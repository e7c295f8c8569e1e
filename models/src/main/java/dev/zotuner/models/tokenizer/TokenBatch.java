package dev.zotuner.models.tokenizer;

import java.util.Arrays;
import java.util.List;

/**
 * A batch of encodings right-padded to the longest row, as flat row-major {@code [size, length]} arrays
 * ready to become INT64 graph inputs.
 *
 * @param size          number of rows
 * @param length        padded length (longest row)
 * @param ids           token ids, padding = the tokenizer's pad id
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param typeIds       segment ids, 0 for padding
 * @param lengths       real length of each row
 */
public record TokenBatch(int size, int length, long[] ids, long[] attentionMask, long[] typeIds, int[] lengths) {

    public TokenBatch {
        long cells = (long) size * length;
        if (size < 1 || ids.length != cells || attentionMask.length != cells || typeIds.length != cells
                || lengths.length != size) {
            throw new IllegalArgumentException("token batch arrays do not match " + size + "x" + length);
        }
        ids = ids.clone();
        attentionMask = attentionMask.clone();
        typeIds = typeIds.clone();
        lengths = lengths.clone();
    }

    /** Pads {@code rows} on the right to the longest one; every row needs at least one token. */
    public static TokenBatch pad(List<Encoding> rows, long padId) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        int length = rows.stream().mapToInt(Encoding::length).max().orElseThrow();
        int size = rows.size();
        long[] ids = new long[size * length];
        long[] mask = new long[size * length];
        long[] types = new long[size * length];
        int[] lengths = new int[size];
        Arrays.fill(ids, padId);
        for (int r = 0; r < size; r++) {
            Encoding e = rows.get(r);
            if (e.length() == 0) {
                throw new IllegalArgumentException("text " + r + " of the batch encodes to no tokens");
            }
            lengths[r] = e.length();
            System.arraycopy(e.ids(), 0, ids, r * length, e.length());
            System.arraycopy(e.attentionMask(), 0, mask, r * length, e.length());
            System.arraycopy(e.typeIds(), 0, types, r * length, e.length());
        }
        return new TokenBatch(size, length, ids, mask, types, lengths);
    }

    /** The given rows, in that order, padded to the longest of them (padding keeps this batch's pad id). */
    public TokenBatch select(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        int longest = 0;
        for (int r : rows) {
            longest = Math.max(longest, lengths[r]);
        }
        long pad = ids[0];
        for (int r = 0; r < size; r++) {
            if (lengths[r] < length) {
                pad = ids[r * length + lengths[r]];
                break;
            }
        }
        long[] outIds = new long[rows.length * longest];
        long[] outMask = new long[outIds.length];
        long[] outTypes = new long[outIds.length];
        int[] outLengths = new int[rows.length];
        Arrays.fill(outIds, pad);
        for (int j = 0; j < rows.length; j++) {
            int r = rows[j];
            outLengths[j] = lengths[r];
            System.arraycopy(ids, r * length, outIds, j * longest, lengths[r]);
            System.arraycopy(attentionMask, r * length, outMask, j * longest, lengths[r]);
            System.arraycopy(typeIds, r * length, outTypes, j * longest, lengths[r]);
        }
        return new TokenBatch(rows.length, longest, outIds, outMask, outTypes, outLengths);
    }

    /** Token id at {@code (row, position)}. */
    public long id(int row, int position) {
        return ids[row * length + position];
    }

    /** Real (unpadded) length of a row. */
    public int length(int row) {
        return lengths[row];
    }

    /** Position of the first occurrence of {@code tokenId} in the real part of a row, or -1. */
    public int firstPosition(int row, long tokenId) {
        for (int p = 0; p < lengths[row]; p++) {
            if (ids[row * length + p] == tokenId) {
                return p;
            }
        }
        return -1;
    }

    /** Position ids {@code 0, 1, ...} per row (flat, {@code [size, length]}). */
    public long[] positionIds() {
        long[] pos = new long[size * length];
        for (int r = 0; r < size; r++) {
            for (int p = 0; p < length; p++) {
                pos[r * length + p] = p;
            }
        }
        return pos;
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    @Override
    public long[] attentionMask() {
        return attentionMask.clone();
    }

    @Override
    public long[] typeIds() {
        return typeIds.clone();
    }

    @Override
    public int[] lengths() {
        return lengths.clone();
    }
}
