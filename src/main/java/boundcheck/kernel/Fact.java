package boundcheck.kernel;

import boundcheck.lang.Ast.*;
import java.util.List;

/**
 * A relation the kernel may use: a hypothesis, an assumption, a lemma or the induction hypothesis.
 * {@code patternVars} are instantiated by matching; {@code conditions} must then be proved for the
 * instance (a binder {@code s >= 1}, a lemma's {@code where}); a pattern variable in
 * {@code integerVars} may only be instantiated by an expression the kernel shows integer-valued.
 */
public record Fact(String source, List<String> patternVars, Relation relation, List<Relation> conditions,
                   List<String> integerVars) {
    public Fact(String source, List<String> patternVars, Relation relation, List<Relation> conditions) {
        this(source, patternVars, relation, conditions, List.of());
    }
}
