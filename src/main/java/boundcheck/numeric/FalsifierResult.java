package boundcheck.numeric;

/**
 * What the falsifier saw: usable instances, how many draws were rejected by constraints or were
 * unusable (NaN, overflow), the smallest margin ({@code rhs - lhs} for an upper bound), and a
 * counterexample when one was confirmed in high precision. {@code unsupported} is non-null when the
 * relation cannot be evaluated at all.
 */
public record FalsifierResult(int samples, int rejected, int unusable, double minMargin, Counterexample counterexample,
                              String unsupported) {
    public boolean refuted() { return counterexample != null; }
}
