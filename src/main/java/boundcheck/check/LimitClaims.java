package boundcheck.check;

import boundcheck.cas.Cas;
import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import boundcheck.lang.Printer;
import boundcheck.numeric.Counterexample;
import boundcheck.numeric.Evaluator;
import boundcheck.numeric.HighPrecision;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Apint;

/**
 * Relations about limits ({@code limit(t -> oo) f(t) in (0, oo)}) with free parameters: at each
 * sampled instance of the parameters the CAS computes the limit exactly, and a numeric trend of
 * the body (values far out) must agree with it. A violation at an instance where both agree is a
 * counterexample; with only sampled instances the best verdict is {@code tested}.
 */
final class LimitClaims {
    /** A limit value: finite, +oo or -oo. */
    record Value(Apfloat finite, int infinity, boolean estimated, boolean confirmed) {
        Value(Apfloat finite, int infinity) { this(finite, infinity, false, true); }
        Value(Apfloat finite, int infinity, boolean estimated) { this(finite, infinity, estimated, true); }
        static Value of(Apfloat a) { return new Value(a, 0); }
        Value unconfirmed() { return new Value(finite, infinity, estimated, false); }
        boolean isFinite() { return infinity == 0; }
        String text() { return (estimated ? "~" : "") + (infinity > 0 ? "oo" : infinity < 0 ? "-oo" : new BigDecimal(HighPrecision.approx(finite).precision(20).toString(true)).round(new MathContext(10)).stripTrailingZeros().toPlainString()); }
    }

    private final Cas cas;
    private final Map<String, LetDecl> lets;

    LimitClaims(Cas cas, Map<String, LetDecl> lets) {
        this.cas = cas;
        this.lets = lets;
    }

    /** Outcome at one instance: the relation holds, fails (with values), or could not be decided. */
    record AtPoint(Boolean holds, Value lhs, Value rhs, String note, boolean certain) {
        AtPoint(Boolean holds, Value lhs, Value rhs, String note) { this(holds, lhs, rhs, note, false); }
    }

    /** Decides {@code lhs rel rhs} (inlined; rhs may be {@code oo}) at exact parameter values. */
    AtPoint decide(Expr lhs, Rel rel, Expr rhs, Map<String, BigDecimal> point) {
        Map<String, Expr> subst = new HashMap<>();
        for (Map.Entry<String, BigDecimal> e : point.entrySet()) subst.put(e.getKey(), Exprs.num(e.getValue()));
        StringBuilder note = new StringBuilder();
        Optional<Value> l = value(expand(lhs, subst), note);
        Optional<Value> r = value(expand(rhs, subst), note);
        if (l.isEmpty() || r.isEmpty()) return new AtPoint(null, null, null, note.toString());
        int c = compare(l.get(), r.get());
        if ((l.get().estimated() || r.get().estimated()) && c != 0 && closeCall(l.get(), r.get())) {
            return new AtPoint(null, l.get(), r.get(), note + "a numeric estimate is too close to call; ");
        }
        boolean holds = switch (rel) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            case EQ -> c == 0;
            default -> true;
        };
        if (!holds && (!l.get().confirmed() || !r.get().confirmed())) {
            return new AtPoint(null, l.get(), r.get(), note + "the CAS limit says the relation fails, but the numbers could not confirm the limit; ");
        }
        if (!holds && (l.get().estimated() || r.get().estimated())) {
            // a refutation needs a limit the CAS computed and the numbers confirmed, not a trend alone
            return new AtPoint(null, l.get(), r.get(), note + "only a numeric estimate says the relation fails; ");
        }
        // certain: every limit came from the CAS and the numbers confirmed it
        boolean certain = !l.get().estimated() && !r.get().estimated() && l.get().confirmed() && r.get().confirmed();
        return new AtPoint(holds, l.get(), r.get(), note.toString(), certain);
    }

    /** Estimates decide only when the two sides are apart by more than 1e-6 relative. */
    private static boolean closeCall(Value a, Value b) {
        if (!a.isFinite() || !b.isFinite()) return false;
        Apfloat x = HighPrecision.approx(a.finite()), y = HighPrecision.approx(b.finite());
        Apfloat scale = ApfloatMath.max(ApfloatMath.abs(x), ApfloatMath.abs(y));
        if (scale.signum() == 0) return false;
        return ApfloatMath.abs(x.subtract(y)).compareTo(scale.multiply(new Apfloat("1e-6", HighPrecision.DIGITS))) <= 0;
    }

    /**
     * Substitutes the instance and unfolds the lets. A let whose body divides by exactly 0 at these
     * arguments (like {@code S(1, t)}) becomes the limit of its body in that parameter, as the paper's
     * convention {@code (x^t - 1)/(x - 1) = t at x = 1} asks.
     */
    private Expr expand(Expr e, Map<String, Expr> point) {
        if (e instanceof Name n && point.containsKey(n.id())) return point.get(n.id());
        if (e instanceof Name n && lets.containsKey(n.id()) && lets.get(n.id()).params().isEmpty()) return expand(lets.get(n.id()).body(), point);
        if (e instanceof Limit lim) {
            Map<String, Expr> inner = new HashMap<>(point);
            inner.remove(lim.var());
            return new Limit(lim.var(), expand(lim.target(), point), expand(lim.body(), inner), lim.pos());
        }
        Expr inner = Exprs.mapChildren(e, c -> expand(c, point));
        if (inner instanceof Call c && lets.containsKey(c.fn())) {
            LetDecl l = lets.get(c.fn());
            Map<String, Expr> args = new HashMap<>(point);
            for (int i = 0; i < l.params().size(); i++) args.put(l.params().get(i), c.args().get(i));
            Expr body = expand(l.body(), args);
            if (dividesByZero(body)) {
                for (int i = 0; i < l.params().size(); i++) {
                    Expr a = c.args().get(i);
                    if (!Exprs.freeNames(a).isEmpty()) continue;
                    Map<String, Expr> open = new HashMap<>(args);
                    open.remove(l.params().get(i));
                    Expr symbolic = expand(l.body(), open);
                    if (!dividesByZero(symbolic)) return new Limit(l.params().get(i), a, symbolic, c.pos());
                }
            }
            return body;
        }
        return inner;
    }

    /** A quotient whose closed denominator is exactly 0. */
    private boolean dividesByZero(Expr e) {
        if (e instanceof Binary b && b.op() == BinOp.DIV && Exprs.freeNames(b.right()).stream().noneMatch(n -> !Set.of("sqrt", "log", "exp", "abs", "min", "max").contains(n))) {
            try {
                if (new Evaluator<>(HighPrecision.INSTANCE, Set.of(), lets).eval(b.right(), Map.of()).signum() == 0) return true;
            } catch (Evaluator.Unusable | Evaluator.Unsupported ex) {
                return true;
            }
        }
        for (Expr c : Exprs.children(e)) if (dividesByZero(c)) return true;
        return false;
    }

    private static int compare(Value a, Value b) {
        if (a.infinity() != 0 || b.infinity() != 0) return Integer.compare(a.infinity(), b.infinity());
        return a.finite().compareTo(b.finite());
    }

    private record Memo(Optional<Value> value, String note) {}

    /** Values already computed (the two ends of an interval claim ask for the same limit). */
    private final Map<String, Memo> memo = new HashMap<>();

    /** The value of a closed expression whose limits are computed by the CAS and checked numerically. */
    private Optional<Value> value(Expr e, StringBuilder note) {
        String key = Printer.print(e);
        Memo known = memo.get(key);
        if (known == null) {
            StringBuilder fresh = new StringBuilder();
            known = new Memo(computeValue(e, fresh), fresh.toString());
            memo.put(key, known);
        }
        note.append(known.note());
        return known.value();
    }

    private Optional<Value> computeValue(Expr e, StringBuilder note) {
        if (e instanceof Infinity) return Optional.of(new Value(null, 1));
        if (e instanceof Limit lim) {
            long timeoutsBefore = cas.timeouts();
            Expr body = innerLimits(lim.body());
            Optional<Expr> symbolic = casFailures >= 3 && casSuccesses == 0 ? Optional.empty() : cas.limit(body, lim.var(), lim.target());
            if (symbolic.isEmpty() && !(casFailures >= 3 && casSuccesses == 0)) {
                // Symja handles exp(t*log(q)) where it gives up on q^t: ask again in that form
                Expr exponential = exponentials(body, lim.var());
                if (!exponential.equals(body)) symbolic = cas.limit(exponential, lim.var(), lim.target());
            }
            if (symbolic.isPresent()) casSuccesses++; else casFailures++;
            if (cas.timeouts() > timeoutsBefore && casSuccesses == 0) casFailures = 3; // a timeout: stop asking for this claim
            if (symbolic.isEmpty()) {
                Optional<Value> estimate = trend(lim);
                if (estimate.isEmpty()) { note.append("the CAS found no limit and the numbers do not settle; "); return Optional.empty(); }
                note.append("the CAS found no limit; numeric estimate ").append(estimate.get().text()).append(" from the body far out; ");
                return estimate;
            }
            Optional<Value> v = symbolic.get() instanceof Infinity ? Optional.of(new Value(null, 1))
                    : symbolic.get() instanceof Neg n && n.operand() instanceof Infinity ? Optional.of(new Value(null, -1))
                    : closed(symbolic.get());
            if (v.isEmpty()) { note.append("the CAS limit ").append(Printer.print(symbolic.get())).append(" is not a number; "); return v; }
            Optional<Value> numbers = lim.target() instanceof Infinity ? trend(lim) : Optional.empty();
            if (!(lim.target() instanceof Infinity)) {
                String disagreement = crossCheckFinite(lim, v.get());
                if (disagreement != null) { note.append(disagreement); return Optional.empty(); }
                return v;
            }
            if (numbers.isEmpty()) {
                note.append("CAS limit ").append(v.get().text()).append(" not confirmed numerically; ");
                return Optional.of(v.get().unconfirmed());
            }
            if (!agree(v.get(), numbers.get())) {
                note.append("DISAGREEMENT: the CAS gives ").append(v.get().text()).append(", the numbers ").append(numbers.get().text()).append("; ");
                return Optional.empty();
            }
            return v;
        }
        if (Exprs.contains(e, x -> x instanceof Limit)) {
            // limits inside a larger expression: replace each by its value when finite
            Expr replaced = replaceLimits(e, note);
            if (replaced == null) return Optional.empty();
            return closed(replaced);
        }
        return closed(e);
    }

    private Expr replaceLimits(Expr e, StringBuilder note) {
        if (e instanceof Limit lim) {
            Optional<Value> v = value(lim, note);
            if (v.isEmpty() || !v.get().isFinite()) return null;
            return Exprs.num(new BigDecimal(HighPrecision.approx(v.get().finite()).toString(true)));
        }
        List<Expr> kids = Exprs.children(e);
        for (Expr k : kids) if (Exprs.contains(k, x -> x instanceof Limit) && replaceLimits(k, note) == null) return null;
        return Exprs.mapChildren(e, k -> Exprs.contains(k, x -> x instanceof Limit) ? replaceLimits(k, note) : k);
    }

    private Optional<Value> closed(Expr e) {
        try {
            return Optional.of(Value.of(new Evaluator<>(HighPrecision.INSTANCE, Set.of(), lets).eval(e, Map.of())));
        } catch (Evaluator.Unusable | Evaluator.Unsupported ex) {
            return Optional.empty();
        }
    }

    private int casFailures, casSuccesses;

    /** {@code a^f(t)} with a constant positive base becomes {@code exp(f(t) * log(a))}. */
    private Expr exponentials(Expr e, String var) {
        Expr inner = Exprs.mapChildren(e, c -> exponentials(c, var));
        if (inner instanceof Binary b && b.op() == BinOp.POW && Exprs.freeNames(b.right()).contains(var)
                && !Exprs.freeNames(b.left()).contains(var) && b.left() instanceof Num n && n.value().signum() > 0) {
            return new Call("exp", List.of(Exprs.bin(BinOp.MUL, b.right(), new Call("log", List.of(b.left()), b.pos()))), b.pos());
        }
        return inner;
    }

    /**
     * Limits inside a limit's body (such as {@code S(1, t)} unfolded to {@code limit(q -> 1) ...})
     * are computed first, with the outer variable symbolic; Symja does not evaluate nested limits.
     */
    private Expr innerLimits(Expr e) {
        if (e instanceof Limit inner) {
            Expr body = innerLimits(inner.body());
            Optional<Expr> v = cas.limit(body, inner.var(), inner.target());
            return v.isPresent() && !Exprs.contains(v.get(), x -> x instanceof Infinity) ? v.get() : new Limit(inner.var(), inner.target(), body, inner.pos());
        }
        return Exprs.mapChildren(e, this::innerLimits);
    }

    /**
     * The growth of {@code f} in {@code var -> oo} with the other names at {@code point}, estimated from
     * 60-digit values at {@code var} = 2^6 .. 2^14: exponential when {@code log f} grows linearly (rate per
     * step), else the power {@code k} of {@code f ~ var^k} from the last two doublings (a drifting exponent is
     * reported as such: log factors). A numeric estimate, never a proof; null when f cannot be evaluated there.
     */
    String growth(Expr f, String var, Map<String, BigDecimal> point) {
        HighPrecision hp = HighPrecision.WIDE; // exponentials far out exceed the usual range
        // the other names are continuous: S(1, t) is evaluated as its limit along them, as the paper's convention asks
        Set<String> continuous = new java.util.HashSet<>(point.keySet());
        continuous.remove(var);
        Evaluator<Apfloat> ev = new Evaluator<>(hp, continuous, lets);
        Map<String, Apfloat> env = new HashMap<>();
        for (Map.Entry<String, BigDecimal> e : point.entrySet()) env.put(e.getKey(), hp.of(e.getValue()));
        // as far out as the numbers stay usable (an exponential overflows the evaluator's range sooner)
        int[] grid = {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14};
        List<Integer> used = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int e : grid) {
            env.put(var, new Apint(1L << e));
            try {
                Apfloat v = ev.eval(f, env);
                if (v.signum() < 0) return null;
                if (v.signum() == 0) { if (e == grid[grid.length - 1]) return "tends to 0 (0 at " + var + " = 2^14)"; continue; }
                values.add(HighPrecision.approx(hp.log(v)).doubleValue());
                used.add(e);
            } catch (Evaluator.Unusable | Evaluator.Unsupported | ArithmeticException ex) {
                break;
            }
        }
        if (used.size() < 3) return null;
        int[] exps = used.stream().mapToInt(Integer::intValue).toArray();
        double[] logs = values.stream().mapToDouble(Double::doubleValue).toArray();
        int n = exps.length;
        double span = (1L << exps[n - 1]) - (1L << exps[n - 2]);
        double doublings = exps[n - 1] - exps[n - 2];
        double rate = (logs[n - 1] - logs[n - 2]) / span;
        double ratePrev = (logs[n - 2] - logs[n - 3]) / ((1L << exps[n - 2]) - (1L << exps[n - 3]));
        if (rate > 1e-3 && Math.abs(rate - ratePrev) <= 0.05 * rate) {
            long far = 1L << exps[n - 1];
            env.put(var, new Apint(far + 1));
            try {
                double next = HighPrecision.approx(hp.log(ev.eval(f, env))).doubleValue();
                return String.format(Locale.ROOT, "exponential: f(%s+1)/f(%s) = %.6g at %s = %d", var, var, Math.exp(next - logs[n - 1]), var, far);
            } catch (Evaluator.Unusable | Evaluator.Unsupported | ArithmeticException ex) {
                return String.format(Locale.ROOT, "exponential: ~ %.6g^%s", Math.exp(rate), var);
            }
        }
        if (exps[n - 1] < 8) return "undecided: the values leave the evaluator's range beyond " + var + " = 2^" + exps[n - 1];
        double k = (logs[n - 1] - logs[n - 2]) / (doublings * Math.log(2));
        double kPrev = (logs[n - 2] - logs[n - 3]) / ((exps[n - 2] - exps[n - 3]) * Math.log(2));
        double half = Math.round(2 * k) / 2.0;
        if (Math.abs(k) < 0.01 && Math.abs(kPrev) < 0.02) {
            return String.format(Locale.ROOT, "Theta(1) (~ %.6g at %s = 2^%d)", Math.exp(logs[n - 1]), var, exps[n - 1]);
        }
        if (Math.abs(k - half) < 0.01 && Math.abs(kPrev - half) < 0.03) {
            return "Theta(" + var + "^" + (half == Math.rint(half) ? String.valueOf((long) half) : String.valueOf(half)) + ")";
        }
        if (rate > 1e-4 && k > kPrev + 1) {
            // the exponent itself keeps growing: a slow exponential (its polynomial factor still visible)
            return String.format(Locale.ROOT, "exponential: f(%s+1)/f(%s) ~ %.6g (power %.3f at %s = 2^%d, %.3f one doubling earlier)",
                    var, var, Math.exp(rate), k, var, exps[n - 1], kPrev);
        }
        return String.format(Locale.ROOT, "%s^%.3f and drifting (%.3f one doubling earlier: log factors)", var, k, kPrev);
    }

    /** Closed numeric subterms become numbers, so that the CAS sees {@code 0.42^t} rather than {@code (0.6 * 0.7)^t}. */
    private Expr fold(Expr e) {
        if (!(e instanceof Num) && !(e instanceof Limit) && !Exprs.contains(e, x -> x instanceof Limit)
                && Exprs.freeNames(e).stream().allMatch(n -> Set.of("sqrt", "log", "exp", "abs", "min", "max").contains(n))) {
            Optional<Value> v = closed(e);
            if (v.isPresent() && v.get().isFinite() && v.get().finite().signum() >= 0) {
                return Exprs.num(new BigDecimal(HighPrecision.approx(v.get().finite()).precision(40).toString(true)));
            }
        }
        return Exprs.mapChildren(e, this::fold);
    }

    /** A new claim: the CAS gets a fresh chance (after three failures, or one timeout, with no success in a claim it is not asked again). */
    void startClaim() {
        casFailures = 0;
        casSuccesses = 0;
    }

    /** The CAS value and a numeric estimate agree: both infinite alike, or within 1e-3 relative (1e-30 absolute). */
    private static boolean agree(Value cas, Value est) {
        if (!cas.isFinite() || !est.isFinite()) return cas.infinity() == est.infinity();
        Apfloat x = HighPrecision.approx(cas.finite()), y = HighPrecision.approx(est.finite());
        Apfloat tol = ApfloatMath.max(new Apfloat("1e-30", HighPrecision.DIGITS), ApfloatMath.abs(x).multiply(new Apfloat("1e-3", HighPrecision.DIGITS)));
        return ApfloatMath.abs(x.subtract(y)).compareTo(tol) <= 0;
    }

    /** A finite target: the mean of the body just either side must match the CAS value. */
    private String crossCheckFinite(Limit lim, Value v) {
        if (!v.isFinite()) return null;
        try {
            Apfloat mean = new Evaluator<>(HighPrecision.INSTANCE, Set.of(lim.var()), lets).eval(lim, Map.of());
            if (agree(v, Value.of(mean))) return null;
            return "DISAGREEMENT: the CAS gives " + v.text() + ", the body near the point " + Value.of(mean).text() + "; ";
        } catch (Evaluator.Unusable | Evaluator.Unsupported ex) {
            return null;
        }
    }

    /**
     * The limit at infinity estimated from the body at the last four of 1e1, 1e2, ..., 1e9 that
     * evaluate without overflow (in a wide exponent range): settled (the last change below 1e-6
     * relative and shrinking), decaying to 0 (at least halving per decade, three decades running),
     * or diverging (at least doubling per decade, past 1e3). Anything else is no estimate.
     */
    private Optional<Value> trend(Limit lim) {
        if (!(lim.target() instanceof Infinity)) return Optional.empty();
        Evaluator<Apfloat> ev = new Evaluator<>(HighPrecision.WIDE, Set.of(lim.var()), lets);
        List<Apfloat> all = new ArrayList<>();
        long x = 10;
        for (int k = 1; k <= 9; k++, x *= 10) {
            try {
                all.add(HighPrecision.approx(ev.eval(lim.body(), Map.of(lim.var(), new Apint(x)))));
            } catch (Evaluator.Unusable | Evaluator.Unsupported ex) {
                break; // overflow further out: use the points before
            }
        }
        if (all.size() < 4) return Optional.empty();
        List<Apfloat> v = all.subList(all.size() - 4, all.size());
        Apfloat b = ApfloatMath.abs(v.get(3));
        Apfloat last = ApfloatMath.abs(v.get(3).subtract(v.get(2))), before = ApfloatMath.abs(v.get(2).subtract(v.get(1)));
        if (b.signum() != 0 && last.compareTo(b.multiply(new Apfloat("1e-6", HighPrecision.DIGITS))) <= 0 && last.compareTo(before) <= 0) {
            return Optional.of(new Value(v.get(3), 0, true));
        }
        // power-law or faster decay: at least halving per decade, three decades running
        boolean collapsing = true;
        for (int i = 1; i < 4 && collapsing; i++) {
            Apfloat prev = ApfloatMath.abs(v.get(i - 1)), cur = ApfloatMath.abs(v.get(i));
            collapsing = cur.signum() == 0 || cur.multiply(new Apint(2)).compareTo(prev) <= 0 && v.get(i).signum() == v.get(i - 1).signum();
        }
        if (collapsing) return Optional.of(new Value(new Apint(0), 0, true));
        // power-law or faster growth: at least doubling per decade, three decades running
        boolean diverging = b.compareTo(new Apfloat("1e3", HighPrecision.DIGITS)) > 0;
        for (int i = 1; i < 4 && diverging; i++) {
            diverging = ApfloatMath.abs(v.get(i)).compareTo(ApfloatMath.abs(v.get(i - 1)).multiply(new Apint(2))) >= 0
                    && v.get(i).signum() == v.get(3).signum();
        }
        if (diverging) return Optional.of(new Value(null, v.get(3).signum(), true));
        return Optional.empty();
    }

    static Counterexample counterexample(Map<String, BigDecimal> point, AtPoint at) {
        return new Counterexample(point, at.lhs().isFinite() ? decimal(at.lhs()) : null, at.rhs().isFinite() ? decimal(at.rhs()) : null);
    }

    private static BigDecimal decimal(Value v) {
        return new BigDecimal(HighPrecision.approx(v.finite()).precision(30).toString(true)).round(new MathContext(17));
    }
}
