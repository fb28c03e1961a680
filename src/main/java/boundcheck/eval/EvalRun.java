package boundcheck.eval;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code boundcheck eval} computed: the weights' norms, every constant and where it came from, the
 * theory's assumptions at those constants, each target's value, and (with a sweep) each target's value
 * at every point of the swept constant.
 */
public record EvalRun(Path theory, List<Path> weightFiles, List<BoundEvaluation.WeightNorms> weights,
                      List<BoundEvaluation.Constant> constants, List<BoundEvaluation.AssumptionCheck> assumptions,
                      List<String> labels, List<BoundEvaluation.Target> targets, BigDecimal vacuousAbove, Sweep sweep) {

    /** With a sweep over a constant that has no value of its own, there is no single point to report. */
    public boolean pointShown() {
        return sweep == null || constants.stream().anyMatch(c -> c.name().equals(sweep.var()));
    }

    /** {@code rows.get(i).get(j)}: target j at {@code xs.get(i)}. */
    public record Sweep(String var, List<BigDecimal> xs, List<List<BoundEvaluation.Target>> rows) {}

    public boolean allDefined() {
        if (pointShown() && targets.stream().anyMatch(t -> t.value() == null)) return false;
        return sweep == null || sweep.rows().stream().allMatch(r -> r.stream().allMatch(t -> t.value() != null));
    }
}
