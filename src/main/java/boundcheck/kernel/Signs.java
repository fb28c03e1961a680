package boundcheck.kernel;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import java.util.List;
import java.util.Map;

/**
 * Sign analysis in the style of Lean's {@code positivity}: one small rule per head symbol.
 * Knows variable domains and hypotheses of the form {@code e >= c} / {@code e > c} with a
 * numeric {@code c}.
 */
final class Signs {
    enum Sign {
        POS, NONNEG, ZERO, NONPOS, NEG, UNKNOWN;

        boolean nonneg() { return this == POS || this == NONNEG || this == ZERO; }
        boolean nonpos() { return this == NEG || this == NONPOS || this == ZERO; }
        boolean pos() { return this == POS; }

        Sign flip() {
            return switch (this) {
                case POS -> NEG; case NEG -> POS; case NONNEG -> NONPOS; case NONPOS -> NONNEG; default -> this;
            };
        }
    }

    private final Map<String, Domain> domains;
    private final List<Relation> hypotheses;

    Signs(Map<String, Domain> domains, List<Relation> hypotheses) {
        this.domains = domains;
        this.hypotheses = hypotheses;
    }

    Sign of(Expr e) {
        Sign s = structural(e);
        if (s == Sign.UNKNOWN || s == Sign.NONNEG) {
            Sign h = fromHypotheses(e);
            if (h != Sign.UNKNOWN) return h;
        }
        return s;
    }

    /** A numeric lower bound of {@code x} from the hypotheses ({@code x >= k}, {@code x > k}), with its strictness. */
    private record Lower(java.math.BigDecimal value, boolean strict) {}

    private Lower lowerBound(Expr x) {
        Lower best = null;
        for (Relation r : hypotheses) {
            Expr l = Exprs.strip(r.lhs()), rt = Exprs.strip(r.rhs());
            Lower cand = null;
            if ((r.rel() == Rel.GE || r.rel() == Rel.GT) && l.equals(x) && rt instanceof Num n) cand = new Lower(n.value(), r.rel() == Rel.GT);
            if ((r.rel() == Rel.LE || r.rel() == Rel.LT) && rt.equals(x) && l instanceof Num n) cand = new Lower(n.value(), r.rel() == Rel.LT);
            if (cand != null && (best == null || cand.value().compareTo(best.value()) > 0)) best = cand;
        }
        return best;
    }

    /** {@code x + c}, {@code c + x} or {@code x - c} with a numeric c and a hypothesis bounding x below. */
    private Sign shifted(Expr target) {
        if (!(target instanceof Binary b) || (b.op() != BinOp.ADD && b.op() != BinOp.SUB)) return Sign.UNKNOWN;
        Expr x;
        java.math.BigDecimal c;
        if (b.right() instanceof Num n) { x = b.left(); c = b.op() == BinOp.ADD ? n.value() : n.value().negate(); }
        else if (b.left() instanceof Num n && b.op() == BinOp.ADD) { x = b.right(); c = n.value(); }
        else return Sign.UNKNOWN;
        Lower lb = lowerBound(x);
        if (lb == null) return Sign.UNKNOWN;
        int sign = lb.value().add(c).signum();
        if (sign > 0 || sign == 0 && lb.strict()) return Sign.POS;
        if (sign == 0) return Sign.NONNEG;
        return Sign.UNKNOWN;
    }

    private Sign fromHypotheses(Expr e) {
        Expr target = Exprs.strip(e);
        Sign shift = shifted(target);
        if (shift != Sign.UNKNOWN) return shift;
        if (target instanceof Binary d && d.op() == BinOp.SUB) {
            // a - b with a hypothesis a >= b (or b <= a)
            for (Relation r : hypotheses) {
                Expr l = Exprs.strip(r.lhs()), rt = Exprs.strip(r.rhs());
                boolean ge = (r.rel() == Rel.GE || r.rel() == Rel.GT) && l.equals(d.left()) && rt.equals(d.right());
                boolean le = (r.rel() == Rel.LE || r.rel() == Rel.LT) && rt.equals(d.left()) && l.equals(d.right());
                if (ge || le) return r.rel().isStrict() ? Sign.POS : Sign.NONNEG;
            }
        }
        for (Relation r : hypotheses) {
            Expr l = Exprs.strip(r.lhs()), rt = Exprs.strip(r.rhs());
            Rel rel = r.rel();
            if (rt.equals(target) && (rel == Rel.LE || rel == Rel.LT)) { Expr t = l; l = rt; rt = t; rel = rel == Rel.LE ? Rel.GE : Rel.GT; }
            if (!l.equals(target) || !(rt instanceof Num n)) continue;
            int c = n.value().signum();
            if (rel == Rel.GT && c >= 0) return Sign.POS;
            if (rel == Rel.GE && c > 0) return Sign.POS;
            if (rel == Rel.GE && c == 0) return Sign.NONNEG;
        }
        return Sign.UNKNOWN;
    }

    private Sign structural(Expr e) {
        if (e instanceof Num n) return n.value().signum() > 0 ? Sign.POS : n.value().signum() == 0 ? Sign.ZERO : Sign.NEG;
        if (e instanceof Name n) return variable(n.id());
        if (e instanceof Neg n) return of(n.operand()).flip();
        if (e instanceof Abs || e instanceof Norm) return Sign.NONNEG;
        if (e instanceof Call c) {
            return switch (c.fn()) {
                case "exp" -> Sign.POS;
                case "sqrt" -> of(c.args().get(0)).pos() ? Sign.POS : Sign.NONNEG;
                case "abs" -> Sign.NONNEG;
                case "min" -> {
                    boolean allPos = true, allNonneg = true;
                    for (Expr a : c.args()) { Sign s = of(a); allPos &= s.pos(); allNonneg &= s.nonneg(); }
                    yield allPos ? Sign.POS : allNonneg ? Sign.NONNEG : Sign.UNKNOWN;
                }
                case "max" -> {
                    boolean anyPos = false, anyNonneg = false;
                    for (Expr a : c.args()) { Sign s = of(a); anyPos |= s.pos(); anyNonneg |= s.nonneg(); }
                    yield anyPos ? Sign.POS : anyNonneg ? Sign.NONNEG : Sign.UNKNOWN;
                }
                default -> Sign.UNKNOWN;
            };
        }
        if (e instanceof Aggregate a) {
            Sign body = of(a.body());
            return switch (a.kind()) {
                case SUM -> body.nonneg() ? Sign.NONNEG : body.nonpos() ? Sign.NONPOS : Sign.UNKNOWN;
                case PROD -> body.pos() ? Sign.POS : body.nonneg() ? Sign.NONNEG : Sign.UNKNOWN;
                default -> body.nonneg() ? Sign.NONNEG : Sign.UNKNOWN;
            };
        }
        if (e instanceof Binary b) return binary(b);
        return Sign.UNKNOWN;
    }

    private Sign variable(String id) {
        Domain d = domains.get(id);
        if (d == null) return Sign.UNKNOWN;
        Sign s = switch (d.kind()) {
            case POS, POSINT, DIM -> Sign.POS;
            case NAT, NONNEG -> Sign.NONNEG;
            default -> Sign.UNKNOWN;
        };
        if (d.interval() != null && d.interval().lo() instanceof Num lo) {
            int c = lo.value().signum();
            if (c > 0 || (c == 0 && d.interval().loOpen())) return Sign.POS;
            if (c == 0 && s == Sign.UNKNOWN) return Sign.NONNEG;
        }
        return s;
    }

    private Sign binary(Binary b) {
        Sign l = of(b.left()), r = of(b.right());
        return switch (b.op()) {
            case ADD -> add(l, r);
            case SUB -> add(l, r.flip());
            case MUL -> mul(l, r);
            case DIV -> {
                if (geometricRatio(b)) yield Sign.NONNEG;
                if (r == Sign.ZERO || r == Sign.UNKNOWN || r == Sign.NONNEG || r == Sign.NONPOS) yield Sign.UNKNOWN;
                yield mul(l, r);
            }
            case POW -> {
                if (l.pos()) yield Sign.POS;
                if (l.nonneg()) yield Sign.NONNEG;
                if (b.right() instanceof Num n && n.value().remainder(java.math.BigDecimal.valueOf(2)).signum() == 0) yield Sign.NONNEG;
                yield Sign.UNKNOWN;
            }
            default -> Sign.UNKNOWN;
        };
    }

    /** {@code (x^n - 1)/(x - 1)} with {@code x >= 0} and integer {@code n >= 0}: the sum of {@code x^j}, nonnegative. */
    private boolean geometricRatio(Binary b) {
        if (!(b.left() instanceof Binary num && num.op() == BinOp.SUB && num.right() instanceof Num one && one.value().compareTo(java.math.BigDecimal.ONE) == 0)) return false;
        if (!(b.right() instanceof Binary den && den.op() == BinOp.SUB && den.right() instanceof Num one2 && one2.value().compareTo(java.math.BigDecimal.ONE) == 0)) return false;
        if (!(num.left() instanceof Binary pow && pow.op() == BinOp.POW)) return false;
        if (!Exprs.same(pow.left(), den.left())) return false;
        return of(pow.left()).nonneg() && isNaturalNumber(pow.right());
    }

    /** A nonnegative integer-valued expression: nat-like variables, sums and products of them, literals. */
    boolean isNaturalNumber(Expr e) {
        if (e instanceof Num n) return n.value().signum() >= 0 && n.value().stripTrailingZeros().scale() <= 0;
        if (e instanceof Name n) {
            Domain d = domains.get(n.id());
            return d != null && d.kind().isInteger() && variable(n.id()).nonneg();
        }
        if (e instanceof Binary b && (b.op() == BinOp.ADD || b.op() == BinOp.MUL)) return isNaturalNumber(b.left()) && isNaturalNumber(b.right());
        if (e instanceof Binary b && b.op() == BinOp.SUB) {
            // n - k with a hypothesis n >= k
            return isInteger(b.left()) && isInteger(b.right()) && of(b).nonneg();
        }
        return false;
    }

    boolean isInteger(Expr e) {
        if (e instanceof Num n) return n.value().stripTrailingZeros().scale() <= 0;
        if (e instanceof Name n) { Domain d = domains.get(n.id()); return d != null && d.kind().isInteger(); }
        if (e instanceof Binary b && b.op() != BinOp.DIV && b.op() != BinOp.POW && b.op() != BinOp.HADAMARD) return isInteger(b.left()) && isInteger(b.right());
        return false;
    }

    private static Sign add(Sign l, Sign r) {
        if (l == Sign.ZERO) return r;
        if (r == Sign.ZERO) return l;
        if (l.nonneg() && r.nonneg()) return l.pos() || r.pos() ? Sign.POS : Sign.NONNEG;
        if (l.nonpos() && r.nonpos()) return l == Sign.NEG || r == Sign.NEG ? Sign.NEG : Sign.NONPOS;
        return Sign.UNKNOWN;
    }

    private static Sign mul(Sign l, Sign r) {
        if (l == Sign.ZERO || r == Sign.ZERO) return Sign.ZERO;
        if (l == Sign.UNKNOWN || r == Sign.UNKNOWN) return Sign.UNKNOWN;
        boolean strict = (l == Sign.POS || l == Sign.NEG) && (r == Sign.POS || r == Sign.NEG);
        boolean positive = l.nonneg() == r.nonneg();
        if (positive) return strict ? Sign.POS : Sign.NONNEG;
        return strict ? Sign.NEG : Sign.NONPOS;
    }
}
