package boundcheck.numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Apint;
import org.apfloat.Aprational;
import org.apfloat.AprationalMath;

/**
 * Exact rationals while the operations allow it ({@code + - * /}, integer powers), 60 significant
 * digits (apfloat) for roots, logarithms and real powers. Used to re-check every candidate
 * counterexample before it is reported.
 */
public final class HighPrecision implements Arith<Apfloat> {
    public static final long DIGITS = 60;
    /** Overflows where doubles do, so both engines agree on which instances are valid. */
    public static final HighPrecision INSTANCE = new HighPrecision(DIGITS, 300);
    /**
     * Twice the digits: a verdict decided by evaluation must come out the same in both, which
     * catches cancellation such as {@code (exp(200) + 1) - exp(200)} at 60 digits.
     */
    public static final HighPrecision PRECISE = new HighPrecision(2 * DIGITS, 300);
    /** A far wider range, for evaluating bodies of limits far out ({@code B_U^t} at {@code t = 1e6}). */
    public static final HighPrecision WIDE = new HighPrecision(DIGITS, 1_000_000);
    /**
     * WIDE, with fractions kept exact only while short (60 digits): for evaluating bounds at given constants,
     * where (B_U - 1)/(B_U - 1) must be exactly 1 but B_U^t need not be a 1000-digit fraction (that costs 40 ms
     * a value; a 200-point sweep took 80 s).
     */
    public static final HighPrecision EVAL = new HighPrecision(DIGITS, 1_000_000, 60);

    private final long digits;
    private final long exactLimit;
    private final long maxExponent;
    private final Apfloat huge;
    private final Apfloat tiny;

    private HighPrecision(long digits, long maxExponent) {
        this(digits, maxExponent, 400);
    }

    private HighPrecision(long digits, long maxExponent, long exactLimit) {
        this.exactLimit = exactLimit;
        this.digits = digits;
        this.maxExponent = maxExponent;
        this.huge = new Apfloat("1e" + maxExponent, digits);
        this.tiny = new Apfloat("1e-" + (digits - 20), digits);
    }

    private Apfloat round(Apfloat x) {
        if (x instanceof Aprational r && !(x instanceof Apint)) {
            return r.numerator().precision(digits).divide(r.denominator().precision(digits));
        }
        return x.precision() > digits ? x.precision(digits) : x.precision(digits);
    }

    /** Significant digits of this arithmetic's inexact operations. */
    public long digits() { return digits; }

    public static Apfloat approx(Apfloat x) {
        if (x instanceof Aprational r && !(x instanceof Apint)) {
            return r.numerator().precision(DIGITS).divide(r.denominator().precision(DIGITS));
        }
        return x.precision() > DIGITS ? x.precision(DIGITS) : x;
    }

    /** Exact arithmetic while both operands are short rationals; long ones cost GCDs of huge integers. */
    private boolean exact(Apfloat a, Apfloat b) { return small(a) && small(b); }

    private boolean small(Apfloat a) {
        return a instanceof Aprational r && r.numerator().size() + r.denominator().size() <= exactLimit;
    }

    private static final long[] LONG_POWERS_OF_TEN = new long[19];
    static {
        LONG_POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < 19; i++) LONG_POWERS_OF_TEN[i] = LONG_POWERS_OF_TEN[i - 1] * 10;
    }

    public Apfloat of(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        // Apint(long) is far cheaper than Apint(BigInteger), which converts radix (measured: most of eval's time)
        if (s.scale() <= 0) return s.precision() - s.scale() < 19 ? new Apint(s.longValueExact()) : new Apint(s.toBigIntegerExact());
        BigInteger unscaled = s.unscaledValue();
        Apint numerator = unscaled.bitLength() < 63 ? new Apint(unscaled.longValue()) : new Apint(unscaled);
        Apint denominator = s.scale() < 19 ? new Apint(LONG_POWERS_OF_TEN[s.scale()]) : new Apint(BigInteger.TEN.pow(s.scale()));
        return new Aprational(numerator, denominator);
    }

    public Apfloat of(long v) { return new Apint(v); }

    public Apfloat add(Apfloat a, Apfloat b) {
        return exact(a, b) ? ((Aprational) a).add((Aprational) b) : round(a).add(round(b));
    }

    public Apfloat sub(Apfloat a, Apfloat b) {
        return exact(a, b) ? ((Aprational) a).subtract((Aprational) b) : round(a).subtract(round(b));
    }

    public Apfloat mul(Apfloat a, Apfloat b) {
        return exact(a, b) ? ((Aprational) a).multiply((Aprational) b) : round(a).multiply(round(b));
    }

    public Apfloat div(Apfloat a, Apfloat b) {
        if (b.signum() == 0) throw new ArithmeticException("division by zero");
        return exact(a, b) ? ((Aprational) a).divide((Aprational) b) : round(a).divide(round(b));
    }

    public Apfloat pow(Apfloat a, Apfloat b) {
        if (b instanceof Apint n || (b instanceof Aprational r && r.isInteger())) {
            long k = b.longValue();
            if (a.signum() == 0) {
                if (k == 0) return new Apint(1);
                if (k < 0) throw new ArithmeticException("0 to a negative power");
                return new Apint(0);
            }
            if (Math.abs(k) > 100_000) {
                // guard against huge exact numbers: decide overflow by logarithm
                double mag = Math.abs(k) * Math.log10(Math.abs(toDouble(a)));
                if (mag > maxExponent) throw new ArithmeticException("overflow");
            }
            // exact powers of short rationals only; long ones would grow without bound
            if (a instanceof Aprational r0 && small(a) && Math.abs(k) * (r0.numerator().size() + r0.denominator().size()) <= 5 * exactLimit) {
                return AprationalMath.pow((Aprational) a, k);
            }
            return ApfloatMath.pow(round(a), k);
        }
        if (a.signum() < 0) throw new ArithmeticException("negative base to a real power");
        if (a.signum() == 0) {
            if (b.signum() > 0) return new Apint(0);
            throw new ArithmeticException("0 to a non-positive power");
        }
        return ApfloatMath.pow(round(a), round(b));
    }

    public Apfloat neg(Apfloat a) { return a.negate(); }

    public Apfloat sqrt(Apfloat a) {
        if (a.signum() < 0) throw new ArithmeticException("square root of a negative number");
        if (a.signum() == 0) return new Apint(0);
        return ApfloatMath.sqrt(round(a));
    }

    public Apfloat log(Apfloat a) {
        if (a.signum() <= 0) throw new ArithmeticException("log of a non-positive number");
        if (a.equals(new Apint(1))) return new Apint(0);
        return ApfloatMath.log(round(a));
    }

    public Apfloat exp(Apfloat a) {
        if (a.signum() == 0) return new Apint(1);
        if (a.compareTo(new Apint(Math.round(maxExponent * 2.3026))) > 0) throw new ArithmeticException("overflow");
        return ApfloatMath.exp(round(a));
    }

    public Apfloat abs(Apfloat a) { return ApfloatMath.abs(a); }
    public int compare(Apfloat a, Apfloat b) { return a.compareTo(b); }
    public int signum(Apfloat a) { return a.signum(); }
    public boolean invalid(Apfloat a) { return ApfloatMath.abs(a).compareTo(huge) > 0; }
    public double toDouble(Apfloat a) { return a.doubleValue(); }

    public Long asInteger(Apfloat a) {
        if (a instanceof Apint i) return i.longValue();
        if (a instanceof Aprational r && r.isInteger()) return r.longValue();
        return null;
    }

    public boolean negligible(Apfloat a, Apfloat scale) {
        if (a.signum() == 0) return true;
        if (a instanceof Aprational && scale instanceof Aprational) return false; // exact: only 0 is negligible
        Apfloat bound = round(ApfloatMath.max(new Apint(1), ApfloatMath.abs(scale))).multiply(tiny);
        return ApfloatMath.abs(round(a)).compareTo(bound) <= 0;
    }
}
