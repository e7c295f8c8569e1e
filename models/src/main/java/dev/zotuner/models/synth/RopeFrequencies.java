package dev.zotuner.models.synth;

/**
 * The inverse frequencies of Llama 3's rotary embeddings ({@code rope_theta} 500000, {@code rope_type} llama3:
 * factor 32, low/high frequency factors 1 and 4, original context 8192), as {@code _compute_llama3_parameters} in
 * Hugging Face Transformers computes them; the exporter folds them into a constant.
 */
final class RopeFrequencies {

    static final double THETA = 500000;
    static final double FACTOR = 32;
    static final double LOW_FREQ_FACTOR = 1;
    static final double HIGH_FREQ_FACTOR = 4;
    static final int ORIGINAL_CONTEXT = 8192;

    private RopeFrequencies() {
    }

    /** {@code headDim / 2} inverse frequencies. */
    static float[] llama3(int headDim) {
        double lowWavelen = ORIGINAL_CONTEXT / LOW_FREQ_FACTOR;
        double highWavelen = ORIGINAL_CONTEXT / HIGH_FREQ_FACTOR;
        float[] out = new float[headDim / 2];
        for (int i = 0; i < out.length; i++) {
            double inv = 1 / Math.pow(THETA, 2.0 * i / headDim);
            double wavelen = 2 * Math.PI / inv;
            double scaled = wavelen > lowWavelen ? inv / FACTOR : inv;
            if (wavelen >= highWavelen && wavelen <= lowWavelen) {
                double smooth = (ORIGINAL_CONTEXT / wavelen - LOW_FREQ_FACTOR) / (HIGH_FREQ_FACTOR - LOW_FREQ_FACTOR);
                scaled = (1 - smooth) * scaled / FACTOR + smooth * scaled;
            }
            out[i] = (float) scaled;
        }
        return out;
    }
}
