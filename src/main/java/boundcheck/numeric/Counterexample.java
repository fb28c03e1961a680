package boundcheck.numeric;

import java.math.BigDecimal;
import java.util.Map;

/** A re-checked violation: exact values of every variable and both sides in high precision. */
public record Counterexample(Map<String, BigDecimal> values, BigDecimal lhs, BigDecimal rhs) {}
