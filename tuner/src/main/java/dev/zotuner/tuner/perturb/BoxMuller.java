package dev.zotuner.tuner.perturb;

/**
 * Box–Muller transform (Box &amp; Muller, 1958) from two random 32-bit words to a pair of independent
 * N(0,1) floats, with this class's own polynomial log, sine and cosine instead of {@link Math}.
 *
 * <p>Why not {@code Math.log}/{@code Math.sin}: the fast generator runs the same formulas lane-wise on
 * the Vector API, whose LOG/SIN/COS are not bit-reproducible between interpreted and compiled code.
 * Everything here is IEEE add, multiply, fused multiply-add, divide, square root, int→float conversion
 * and bit operations, each correctly rounded, so the scalar and vector code give the same bits.
 *
 * <ul>
 *   <li>radius: u₁ = float((w₁ &gt;&gt;&gt; 1) | 1)·2⁻³¹ ∈ (0, 1] (31 random bits rounded to 24
 *       significant ones: fine resolution in the tail, r ≤ 6.56), r = √(−2 ln u₁);
 *       ln by exponent/mantissa split with the mantissa in [√2/2, √2) and
 *       ln m = 2 atanh s = 2s(1 + s²/3 + s⁴/5 + s⁶/7 + s⁸/9), s = (m−1)/(m+1), |s| ≤ 0.172
 *       (series remainder &lt; 3e-9 relative; measured error ≤ 2.1e-7 relative in float).</li>
 *   <li>angle: the top 23 bits of w₂ give a ∈ [−π/4, π/4), its two low bits the quadrant q;
 *       φ = a + qπ/2; sin a, cos a by their Taylor series to a⁹ and a¹⁰
 *       (remainder &lt; 2e-9; measured ≤ 8e-8 relative in float); the quadrant swaps and negates
 *       by bit operations.</li>
 *   <li>output: half 0 is r·cos φ, half 1 is r·sin φ.</li>
 * </ul>
 */
public final class BoxMuller {

    static final float LN2_HI = 0.693145751953125f;          // ln 2 to 16 bits: k·LN2_HI is exact
    static final float LN2_LO = 1.42860682030941723212e-06f;  // ln 2 − LN2_HI
    static final int SQRT_HALF_BITS = 0x3F3504F3;             // √2/2 as float bits
    static final int MANTISSA_SHIFT = 0x3F800000 - SQRT_HALF_BITS;
    static final float L3 = (float) (1.0 / 3);
    static final float L5 = (float) (1.0 / 5);
    static final float L7 = (float) (1.0 / 7);
    static final float L9 = (float) (1.0 / 9);
    static final float S3 = (float) (-1.0 / 6);
    static final float S5 = (float) (1.0 / 120);
    static final float S7 = (float) (-1.0 / 5040);
    static final float S9 = (float) (1.0 / 362880);
    static final float C2 = -0.5f;
    static final float C4 = (float) (1.0 / 24);
    static final float C6 = (float) (-1.0 / 720);
    static final float C8 = (float) (1.0 / 40320);
    static final float C10 = (float) (-1.0 / 3628800);
    static final float HALF_PI = (float) (Math.PI / 2);

    private BoxMuller() {
    }

    /** Natural logarithm of a positive, finite, normal float. */
    public static float log(float x) {
        int ix = Float.floatToRawIntBits(x) + MANTISSA_SHIFT;
        int k = (ix >> 23) - 127;
        float m = Float.intBitsToFloat((ix & 0x007FFFFF) + SQRT_HALF_BITS);
        return logReduced(k, m);
    }

    /** k·ln 2 + ln m for m ∈ [√2/2, √2). */
    private static float logReduced(int k, float m) {
        float s = (m - 1f) / (m + 1f);
        float s2 = s * s;
        float q = Math.fma(Math.fma(Math.fma(Math.fma(L9, s2, L7), s2, L5), s2, L3), s2, 1f);
        float lnm = (s + s) * q;
        float kf = k;
        return Math.fma(kf, LN2_HI, Math.fma(kf, LN2_LO, lnm));
    }

    /** sin a for |a| ≤ π/4. */
    public static float sin(float a) {
        float a2 = a * a;
        return Math.fma(a * a2, Math.fma(Math.fma(Math.fma(S9, a2, S7), a2, S5), a2, S3), a);
    }

    /** cos a for |a| ≤ π/4. */
    public static float cos(float a) {
        float a2 = a * a;
        return Math.fma(a2, Math.fma(Math.fma(Math.fma(Math.fma(C10, a2, C8), a2, C6), a2, C4), a2, C2), 1f);
    }

    /** r = √(−2 ln u₁) with u₁ = ((w₁ &gt;&gt;&gt; 1) | 1)·2⁻³¹. */
    public static float radius(int w1) {
        int ix = Float.floatToRawIntBits((float) ((w1 >>> 1) | 1)) + MANTISSA_SHIFT;
        int k = (ix >> 23) - 127 - 31;
        float m = Float.intBitsToFloat((ix & 0x007FFFFF) + SQRT_HALF_BITS);
        return (float) Math.sqrt(logReduced(k, m) * -2f);
    }

    /** The reduced angle a = (1.f − 1.5)·π/2 ∈ [−π/4, π/4) from the top 23 bits of {@code w2}. */
    public static float angle(int w2) {
        return (Float.intBitsToFloat((w2 >>> 9) | 0x3F800000) - 1.5f) * HALF_PI;
    }

    /** One of the two Gaussians of the pair (w₁, w₂): half 0 is r·cos φ, half 1 is r·sin φ. */
    public static float gaussian(int w1, int w2, int half) {
        float a = angle(w2);
        int q = w2 & 3;
        int cos = Float.floatToRawIntBits(cos(a));
        int sin = Float.floatToRawIntBits(sin(a));
        int swap = (cos ^ sin) & -(q & 1);          // odd quadrants exchange sine and cosine
        int trig = half == 0
                ? (cos ^ swap) ^ (((q + 1) & 2) << 30)  // cos φ < 0 in quadrants 1, 2
                : (sin ^ swap) ^ ((q & 2) << 30);       // sin φ < 0 in quadrants 2, 3
        return radius(w1) * Float.intBitsToFloat(trig);
    }

    /** ±1 from the top bit of {@code w}. */
    public static float rademacher(int w) {
        return Float.intBitsToFloat(0x3F800000 | (w & 0x80000000));
    }
}
