package boundcheck.numeric;

import boundcheck.lang.Ast.*;
import java.util.List;
import java.util.Map;

/**
 * One relation to test: {@code lhs rel rhs} for every assignment of {@code variables} in their
 * domains that satisfies {@code constraints} (lets already inlined everywhere).
 *
 * @param objects   the declared objects the relation mentions, or null for a scalar problem
 * @param solutions for some constraint relations, a variable and expressions that put the
 *                  relation on its boundary (from the CAS); used to sample edge cases and equalities
 */
public record Problem(Expr lhs, Rel rel, Expr rhs, Map<String, Domain> variables, List<Relation> constraints,
                      List<Boundary> solutions, Map<String, LetDecl> lets, ObjectModel objects) {
    public Problem(Expr lhs, Rel rel, Expr rhs, Map<String, Domain> variables, List<Relation> constraints,
                   List<Boundary> solutions, Map<String, LetDecl> lets) {
        this(lhs, rel, rhs, variables, constraints, solutions, lets, null);
    }

    /** Whether instances carry vectors, matrices, activations or sequences. */
    public boolean hasObjects() {
        if (objects == null) return false;
        // built-in matrices (eye, pool, ...) need the tensor evaluator even when nothing is sampled
        return !objects.isEmpty() || boundcheck.lang.Exprs.contains(lhs, boundcheck.lang.MatrixBuiltins::is)
                || boundcheck.lang.Exprs.contains(rhs, boundcheck.lang.MatrixBuiltins::is);
    }

    /** Setting {@code var} to {@code value} makes {@code constraint} hold with equality. */
    public record Boundary(Relation constraint, String var, Expr value) {}
}
