package boundcheck.lang;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/** The syntax tree: small immutable records, every node with its source position. */
public final class Ast {
    private Ast() {}

    /** A source position (1-based line and column). {@link #NONE} for synthesized nodes. */
    public record Pos(int line, int col) {
        public static final Pos NONE = new Pos(0, 0);
    }

    // ---- expressions -------------------------------------------------------------

    public sealed interface Expr permits Num, Name, Call, Binary, Neg, Index, Norm, Abs, Aggregate, Limit, Infinity {
        Pos pos();
    }

    /** An exact decimal literal. */
    public record Num(BigDecimal value, Pos pos) implements Expr {}

    public record Name(String id, Pos pos) implements Expr {}

    /** A function application: builtins (sqrt, log, exp, abs, min, max), lets with parameters, activations. */
    public record Call(String fn, List<Expr> args, Pos pos) implements Expr {}

    public enum BinOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), POW("^"), HADAMARD(".*");
        public final String symbol;
        BinOp(String symbol) { this.symbol = symbol; }
    }

    public record Binary(BinOp op, Expr left, Expr right, Pos pos) implements Expr {}

    public record Neg(Expr operand, Pos pos) implements Expr {}

    /** {@code base[index]}: an entry of a vector, or an element of a family or sequence. */
    public record Index(Expr base, Expr index, Pos pos) implements Expr {}

    public enum NormKind {
        DEFAULT(""), TWO("_2"), INF("_inf"), ONE("_1"), FROBENIUS("_F"), TWO_ONE("_{2,1}");
        public final String suffix;
        NormKind(String suffix) { this.suffix = suffix; }
    }

    public record Norm(Expr arg, NormKind kind, Pos pos) implements Expr {}

    public record Abs(Expr arg, Pos pos) implements Expr {}

    public enum AggKind { SUM, PROD, MAX, MIN }

    /** {@code sum(var = lo..hi, var != exclude) body}; {@code exclude} may be null. */
    public record Aggregate(AggKind kind, String var, Expr lo, Expr hi, Expr exclude, Expr body, Pos pos) implements Expr {}

    /** {@code limit(var -> target) body}. */
    public record Limit(String var, Expr target, Expr body, Pos pos) implements Expr {}

    /** {@code oo}. */
    public record Infinity(Pos pos) implements Expr {}

    // ---- relations and statements ------------------------------------------------

    public enum Rel {
        LE("<="), LT("<"), GE(">="), GT(">"), EQ("="), NE("!="), APPROX("~=");
        public final String symbol;
        Rel(String symbol) { this.symbol = symbol; }

        public boolean isUpper() { return this == LE || this == LT; }
        public boolean isLower() { return this == GE || this == GT; }
        public boolean isStrict() { return this == LT || this == GT; }

        /** Whether {@code a rel b} holds when {@code compare(a, b)} is {@code c}; {@code ~=} is not a comparison. */
        public boolean holds(int c) {
            return switch (this) {
                case LE -> c <= 0;
                case LT -> c < 0;
                case GE -> c >= 0;
                case GT -> c > 0;
                case EQ -> c == 0;
                case NE -> c != 0;
                case APPROX -> throw new IllegalStateException("~= is decided with a tolerance, not by comparing");
            };
        }
    }

    public record Relation(Expr lhs, Rel rel, Expr rhs, Pos pos) {}

    /** {@code forall var >= bound} (or {@code >}). */
    public record Binder(String var, Rel rel, Expr bound, Pos pos) {}

    public record Statement(List<Binder> binders, Relation relation, Pos pos) {}

    public record Interval(Expr lo, boolean loOpen, Expr hi, boolean hiOpen, Pos pos) {}

    // ---- declarations ------------------------------------------------------------

    public sealed interface Item permits VarDecl, LetDecl, VecDecl, MatDecl, FunDecl, SeqDecl, Assumption, Lemma, Claim, Compose, Section, Notation {
        Pos pos();
    }

    public enum DomainKind {
        NAT, POSINT, DIM, INT, POS, NONNEG, REAL;

        public boolean isInteger() { return this == NAT || this == POSINT || this == DIM || this == INT; }
    }

    /** A scalar domain, narrowed by an interval ({@code in (0, 1)}) or an integer range ({@code in 1..K}). */
    public record Domain(DomainKind kind, Interval interval, Pos pos) {}

    public record VarDecl(String name, Domain domain, Pos pos) implements Item {}

    public record LetDecl(String name, List<String> params, Expr body, Pos pos) implements Item {}

    /** A vector, or a family of vectors {@code x[s]} when {@code indexVar} is not null. */
    public record VecDecl(String name, String indexVar, Expr dim, Pos pos) implements Item {}

    /** {@code orthogonal}: declared in {@code O^(n, n)}, drawn orthogonal (never rescaled by norm assumptions). */
    public record MatDecl(String name, String indexVar, Expr rows, Expr cols, boolean orthogonal, Pos pos) implements Item {
        public MatDecl(String name, String indexVar, Expr rows, Expr cols, Pos pos) { this(name, indexVar, rows, cols, false, pos); }
    }

    /** A property of an activation: {@code lipschitz L}, {@code zero_at_zero}, {@code bounded b}, {@code range (0,1)}. */
    public record FunProp(String name, Expr arg, Interval interval, Pos pos) {}

    public record FunDecl(String name, List<FunProp> props, String sample, Pos pos) implements Item {}

    /** One recurrence equation {@code seq h[index] = body}. */
    public record SeqDecl(String name, Expr index, Expr body, Pos pos) implements Item {}

    public record Assumption(String name, String label, List<Statement> statements, Pos pos) implements Item {}

    public enum LemmaKind { LEMMA, THEOREM }

    public record RuleRef(String name, String arg, Pos pos) {
        public String text() { return arg == null ? name : name + " " + arg; }
    }

    public record Step(Rel rel, Expr expr, List<RuleRef> rules, boolean expectRefuted, Pos pos) {}

    public record Chain(Expr first, List<Step> steps, Pos pos) {}

    public sealed interface Proof permits DirectProof, InductionProof {}

    public record DirectProof(Chain chain, Pos pos) implements Proof {}

    public record InductionProof(String var, Chain base, Chain step, Pos pos) implements Proof {}

    /** A lemma or theorem; {@code citation} non-null for a cited result, {@code proof} null when none is given. */
    public record Lemma(LemmaKind kind, String name, String label, boolean expectRefuted, List<Relation> where,
                        Statement statement, String citation, Proof proof, Pos pos) implements Item {}

    public sealed interface ClaimBody permits RelationClaim, ApproxClaim, IntervalClaim {}

    public record RelationClaim(Statement statement) implements ClaimBody {}

    /** {@code lhs ~= value within tolerance}. */
    public record ApproxClaim(Expr lhs, Expr value, Expr tolerance, Pos pos) implements ClaimBody {}

    /** {@code expr in interval}, e.g. {@code limit(t -> oo) f(t) in (0, oo)}. */
    public record IntervalClaim(Expr expr, Interval interval, Pos pos) implements ClaimBody {}

    public record Claim(String name, String label, boolean expectRefuted, List<Relation> where, ClaimBody body, Pos pos)
            implements Item {}

    /**
     * A composition: {@code composed} (built from lets) is simplified to a closed form; when the paper states a
     * form, the checker tests {@code composed <= paper} (the paper's bound follows from its lemmas) and says how
     * the two compare; with a growth variable, the asymptotic class of both in that variable.
     */
    public record Compose(String name, String label, boolean expectRefuted, List<Relation> where, Expr composed, Expr paper,
                          String growthVar, Pos pos) implements Item {}

    /** A heading of the paper; the items after it belong to it (reports count verdicts per section). */
    public record Section(String title, Pos pos) implements Item {}

    /** {@code latex NAME "TEX"}: how a declared name prints in LaTeX (the author's macro). */
    public record Notation(String name, String tex, Pos pos) implements Item {}

    /** {@code sampleCap}: the theory's {@code samples N} (null when not given). */
    public record TheoryFile(Path path, String theoryName, String theoryLabel, Integer sampleCap, List<Item> items) {}
}
