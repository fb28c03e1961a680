package boundcheck.numeric;

import java.math.BigDecimal;

/** IEEE doubles: fast, for sampling and search; never the last word on a counterexample. */
public final class DoubleArith implements Arith<Double> {
    public static final DoubleArith INSTANCE = new DoubleArith();

    public Double of(BigDecimal v) { return v.doubleValue(); }
    public Double of(long v) { return (double) v; }
    public Double add(Double a, Double b) { return a + b; }
    public Double sub(Double a, Double b) { return a - b; }
    public Double mul(Double a, Double b) { return a * b; }
    public Double div(Double a, Double b) { return a / b; }

    public Double pow(Double a, Double b) {
        if (a == 0 && b == 0) return 1.0;
        return Math.pow(a, b);
    }

    public Double neg(Double a) { return -a; }
    public Double sqrt(Double a) { return Math.sqrt(a); }
    public Double log(Double a) { return Math.log(a); }
    public Double exp(Double a) { return Math.exp(a); }
    public Double abs(Double a) { return Math.abs(a); }
    public int compare(Double a, Double b) { return Double.compare(a, b); }
    public int signum(Double a) { return (int) Math.signum(a); }
    public boolean invalid(Double a) { return a.isNaN() || a.isInfinite(); }
    public double toDouble(Double a) { return a; }

    public Long asInteger(Double a) {
        return a == Math.rint(a) && Math.abs(a) < 1e15 ? (long) (double) a : null;
    }

    public boolean negligible(Double a, Double scale) { return Math.abs(a) <= 1e-12 * Math.max(1.0, Math.abs(scale)); }
}
