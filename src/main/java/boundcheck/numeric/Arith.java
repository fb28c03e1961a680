package boundcheck.numeric;

import java.math.BigDecimal;

/** The arithmetic an {@link Evaluator} computes in: doubles for search, high precision for re-checks. */
public interface Arith<T> {
    T of(BigDecimal v);
    T of(long v);
    T add(T a, T b);
    T sub(T a, T b);
    T mul(T a, T b);
    T div(T a, T b);
    T pow(T a, T b);
    T neg(T a);
    T sqrt(T a);
    T log(T a);
    T exp(T a);
    T abs(T a);
    int compare(T a, T b);
    int signum(T a);
    /** True for values that are not usable: NaN, infinite, overflowed. */
    boolean invalid(T a);
    double toDouble(T a);
    /** Integer value, or null when {@code a} is not an integer. */
    Long asInteger(T a);
    /** A value within this arithmetic's rounding of zero, relative to {@code scale}. */
    boolean negligible(T a, T scale);
}
