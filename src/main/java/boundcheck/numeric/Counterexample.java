package boundcheck.numeric;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A re-checked violation: exact values of every variable and both sides in high precision; for a
 * problem over vectors and matrices, {@code objects} holds every vector (a list of decimals) and matrix
 * (a list of rows) the instance used, as the decimals that were evaluated.
 */
public record Counterexample(Map<String, BigDecimal> values, BigDecimal lhs, BigDecimal rhs, Map<String, Object> objects) {
    public Counterexample(Map<String, BigDecimal> values, BigDecimal lhs, BigDecimal rhs) {
        this(values, lhs, rhs, Map.of());
    }
}
