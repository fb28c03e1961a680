package boundcheck.numeric;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apfloat.Apfloat;
import org.apfloat.Apint;
import org.apfloat.Aprational;

/**
 * Evaluates a scalar expression (lets already inlined) in an {@link Arith}. A removable singularity
 * 0/0 (such as {@code (q^n - 1)/(q - 1)} at {@code q = 1}) is evaluated by its limit: the quotient is
 * computed in high precision at symmetric perturbations of a continuous variable and averaged, which
 * cancels the first-order error.
 */
public final class Evaluator<T> {
    /** The instance is not usable here (NaN, overflow, outside a function's domain): re-draw, never a verdict. */
    public static final class Unusable extends RuntimeException {
        public Unusable(String why) { super(why, null, false, false); }
    }

    /** The expression has no numeric meaning yet (e.g. vectors before the Lipschitz layer). */
    public static final class Unsupported extends RuntimeException {
        public Unsupported(String why) { super(why, null, false, false); }
    }

    private static final long MAX_TERMS = 200_000;

    private final Arith<T> arith;
    private final Set<String> continuous;
    /** Division fails or takes a limit only at an exact zero denominator (for evaluating at given constants). */
    private boolean exactZeroOnly;
    private final Map<String, LetDecl> lets;

    /** {@code continuous}: the real-valued variables a removable singularity may be approached along. */
    public Evaluator(Arith<T> arith, Set<String> continuous) {
        this(arith, continuous, Map.of());
    }

    /**
     * With {@code lets}, a call {@code S(1, n)} evaluates the body with its parameters bound, so a
     * removable singularity is approached along the parameters ({@code q -> 1}).
     */
    public Evaluator(Arith<T> arith, Set<String> continuous, Map<String, LetDecl> lets) {
        this.arith = arith;
        this.continuous = continuous;
        this.lets = lets;
    }

    /**
     * At given constants (eval) a small denominator next to a huge numerator is a real quotient, not a rounded
     * 0/0: only an exactly zero denominator is a singularity. (The checker's default reads a denominator below
     * the arithmetic's precision as zero, to catch removable singularities at rounded instances.)
     */
    public Evaluator<T> exactZeroOnly() {
        this.exactZeroOnly = true;
        return this;
    }

    public T eval(Expr e, Map<String, T> env) {
        T v;
        try {
            v = evalRaw(e, env);
        } catch (ArithmeticException | org.apfloat.ApfloatRuntimeException | NumberFormatException ex) {
            throw new Unusable(String.valueOf(ex.getMessage()));
        }
        if (arith.invalid(v)) throw new Unusable("not a finite number");
        return v;
    }

    private T evalRaw(Expr e, Map<String, T> env) {
        if (e instanceof Num n) return arith.of(n.value());
        if (e instanceof Name n) {
            if (!env.containsKey(n.id()) && lets.containsKey(n.id()) && lets.get(n.id()).params().isEmpty()) {
                return evalRaw(lets.get(n.id()).body(), env);
            }
            T v = env.get(n.id());
            if (v == null) throw new Unsupported("no numeric value for '" + n.id() + "'");
            return v;
        }
        if (e instanceof Neg n) return arith.neg(evalRaw(n.operand(), env));
        if (e instanceof Abs a) return arith.abs(evalRaw(a.arg(), env));
        if (e instanceof Binary b) return binary(b, env);
        if (e instanceof Call c) return call(c, env);
        if (e instanceof Aggregate a) return aggregate(a, env);
        if (e instanceof Limit l) return limit(l, env);
        if (e instanceof Infinity) throw new Unusable("oo is not a number");
        throw new Unsupported("numeric evaluation of vectors, matrices and norms is not implemented yet");
    }

    private T check(T v) {
        if (arith.invalid(v)) throw new Unusable("overflow");
        return v;
    }

    private T binary(Binary b, Map<String, T> env) {
        if (b.op() == BinOp.HADAMARD) throw new Unsupported("numeric evaluation of .* is not implemented yet");
        T l = evalRaw(b.left(), env);
        T r = evalRaw(b.right(), env);
        return switch (b.op()) {
            case ADD -> check(arith.add(l, r));
            case SUB -> check(arith.sub(l, r));
            case MUL -> check(arith.mul(l, r));
            case POW -> {
                if (arith.signum(l) < 0 && arith.asInteger(r) == null) throw new Unusable("negative base to a real power");
                yield check(arith.pow(l, r));
            }
            default -> {
                if (exactZeroOnly ? arith.signum(r) == 0 : arith.negligible(r, l)) {
                    if (arith.negligible(l, r) || arith.signum(l) == 0) yield removable(b, env);
                    throw new Unusable("division by zero");
                }
                yield check(arith.div(l, r));
            }
        };
    }

    /** 0/0: the limit along a continuous variable of the denominator, from both sides. */
    @SuppressWarnings("unchecked")
    private T removable(Binary quotient, Map<String, T> env) {
        // a perturbed instance can meet 0/0 again (nested definitions); a bounded depth ends the regress
        // (the high-precision path evaluates with a fresh evaluator, so the depth is per thread)
        int depth = REMOVABLE_DEPTH.get();
        if (depth >= 8) throw new Unusable("0/0 again after perturbing " + depth + " times");
        REMOVABLE_DEPTH.set(depth + 1);
        try {
            return removableAt(quotient, env);
        } finally {
            REMOVABLE_DEPTH.set(depth);
        }
    }

    private static final ThreadLocal<Integer> REMOVABLE_DEPTH = ThreadLocal.withInitial(() -> 0);

    private T removableAt(Binary quotient, Map<String, T> env) {
        if (arith instanceof DoubleArith) return (T) Double.valueOf(removableFast(quotient, (Map<String, Double>) env));
        HighPrecision hp = arith instanceof HighPrecision h ? h : HighPrecision.INSTANCE;
        Map<String, Apfloat> hpEnv = new HashMap<>();
        for (Map.Entry<String, T> en : env.entrySet()) hpEnv.put(en.getKey(), toHp(en.getValue()));
        Evaluator<Apfloat> inner = new Evaluator<>(hp, continuous, lets);
        Apfloat h = new Apfloat("1e-24", HighPrecision.DIGITS);
        for (String v : Exprs.freeNames(quotient.right())) {
            if (!continuous.contains(v) || !hpEnv.containsKey(v)) continue;
            Apfloat x = hpEnv.get(v);
            Apfloat step = x.signum() == 0 ? h : HighPrecision.approx(x).multiply(h);
            Map<String, Apfloat> up = new HashMap<>(hpEnv), down = new HashMap<>(hpEnv);
            up.put(v, HighPrecision.approx(x).add(step));
            down.put(v, HighPrecision.approx(x).subtract(step));
            try {
                Apfloat a = inner.evalRaw(quotient, up), c = inner.evalRaw(quotient, down);
                Apfloat mean = a.add(c).divide(new Apint(2));
                return arith instanceof HighPrecision ? (T) mean : arith.of(new java.math.BigDecimal(HighPrecision.approx(mean).toString(true)));
            } catch (Unusable | ArithmeticException ignored) {
                // try the next variable
            }
        }
        throw new Unusable("0/0 with no continuous variable to take the limit along");
    }

    /**
     * The same in doubles, for the search only: steps of 1e-6 either side, averaged (error about
     * 1e-9 relative); every candidate is re-checked with the high-precision version.
     */
    @SuppressWarnings("unchecked")
    private double removableFast(Binary quotient, Map<String, Double> env) {
        for (String v : Exprs.freeNames(quotient.right())) {
            if (!continuous.contains(v) || !env.containsKey(v)) continue;
            double x = env.get(v), step = x == 0 ? 1e-6 : Math.abs(x) * 1e-6;
            Map<String, Double> up = new HashMap<>(env), down = new HashMap<>(env);
            up.put(v, x + step);
            down.put(v, x - step);
            try {
                double a = (Double) evalRaw(quotient, (Map<String, T>) up), c = (Double) evalRaw(quotient, (Map<String, T>) down);
                if (Double.isFinite(a) && Double.isFinite(c)) return (a + c) / 2;
            } catch (Unusable ignored) {
                // try the next variable
            }
        }
        throw new Unusable("0/0 with no continuous variable to take the limit along");
    }

    private static Apfloat toHp(Object v) {
        if (v instanceof Apfloat a) return a;
        double d = (Double) v;
        if (Double.isNaN(d) || Double.isInfinite(d)) throw new Unusable("not a finite number");
        return HighPrecision.INSTANCE.of(new java.math.BigDecimal(d));
    }

    private T call(Call c, Map<String, T> env) {
        switch (c.fn()) {
            case "sqrt": {
                T a = evalRaw(c.args().get(0), env);
                if (arith.signum(a) < 0) throw new Unusable("square root of a negative number");
                return arith.sqrt(a);
            }
            case "log": {
                T a = evalRaw(c.args().get(0), env);
                if (arith.signum(a) <= 0) throw new Unusable("log of a non-positive number");
                return check(arith.log(a));
            }
            case "exp": return check(arith.exp(evalRaw(c.args().get(0), env)));
            case "abs": return arith.abs(evalRaw(c.args().get(0), env));
            case "min":
            case "max": {
                T best = null;
                for (Expr a : c.args()) {
                    T v = evalRaw(a, env);
                    if (best == null || (c.fn().equals("max") ? arith.compare(v, best) > 0 : arith.compare(v, best) < 0)) best = v;
                }
                return best;
            }
            default:
                if (lets.containsKey(c.fn())) return let(lets.get(c.fn()), c, env);
                throw new Unsupported("numeric evaluation of activation '" + c.fn() + "' is not implemented yet");
        }
    }

    private T let(LetDecl l, Call c, Map<String, T> env) {
        Map<String, T> inner = new HashMap<>(env);
        Set<String> params = new java.util.HashSet<>(continuous);
        for (int i = 0; i < l.params().size(); i++) {
            inner.put(l.params().get(i), evalRaw(c.args().get(i), env));
            params.add(l.params().get(i));
        }
        Evaluator<T> body = new Evaluator<>(arith, params, lets);
        body.exactZeroOnly = exactZeroOnly;
        return body.evalRaw(l.body(), inner);
    }

    private long integer(Expr e, Map<String, T> env) {
        Long v = arith.asInteger(evalRaw(e, env));
        if (v == null) throw new Unusable("range bound is not an integer");
        return v;
    }

    private T aggregate(Aggregate a, Map<String, T> env) {
        long lo = integer(a.lo(), env), hi = integer(a.hi(), env);
        if (hi - lo + 1 > MAX_TERMS) throw new Unusable("range too long");
        Long excluded = a.exclude() == null ? null : integer(a.exclude(), env);
        Map<String, T> inner = new HashMap<>(env);
        T acc = switch (a.kind()) {
            case SUM -> arith.of(0);
            case PROD -> arith.of(1);
            default -> null;
        };
        for (long j = lo; j <= hi; j++) {
            if (excluded != null && excluded == j) continue;
            inner.put(a.var(), arith.of(j));
            T v = evalRaw(a.body(), inner);
            acc = switch (a.kind()) {
                case SUM -> check(arith.add(acc, v));
                case PROD -> check(arith.mul(acc, v));
                case MAX -> acc == null || arith.compare(v, acc) > 0 ? v : acc;
                case MIN -> acc == null || arith.compare(v, acc) < 0 ? v : acc;
            };
        }
        if (acc == null) throw new Unusable("max or min over an empty range");
        return acc;
    }

    /**
     * A limit: at a finite point, the mean of the values just either side (high precision); at
     * infinity, the values at 1e4, 1e6, 1e8 must agree to 1e-6 relative, or grow past 1e30 (then +oo
     * is not a number and the instance is unusable).
     */
    @SuppressWarnings("unchecked")
    private T limit(Limit l, Map<String, T> env) {
        if (arith instanceof DoubleArith && !(l.target() instanceof Infinity)) {
            // search only: the mean either side in doubles; candidates are re-checked in high precision
            double a = (Double) evalRaw(l.target(), env);
            double step = 1e-6 * Math.max(1, Math.abs(a));
            Map<String, T> up = new HashMap<>(env), down = new HashMap<>(env);
            up.put(l.var(), (T) Double.valueOf(a + step));
            down.put(l.var(), (T) Double.valueOf(a - step));
            Evaluator<T> inner = new Evaluator<>(arith, union(continuous, l.var()), lets);
            inner.exactZeroOnly = exactZeroOnly;
            return (T) Double.valueOf(((Double) inner.evalRaw(l.body(), up) + (Double) inner.evalRaw(l.body(), down)) / 2);
        }
        if (arith instanceof HighPrecision && l.target() instanceof Infinity) {
            // far-out values are an estimate, not a value: never the basis of a re-checked verdict
            throw new Unusable("a limit at infinity has only a numeric estimate here");
        }
        HighPrecision hp = arith instanceof HighPrecision h ? h : HighPrecision.INSTANCE;
        Map<String, Apfloat> hpEnv = new HashMap<>();
        for (Map.Entry<String, T> en : env.entrySet()) hpEnv.put(en.getKey(), toHp(en.getValue()));
        Evaluator<Apfloat> inner = new Evaluator<>(hp, union(continuous, l.var()), lets);
        Apfloat result;
        if (l.target() instanceof Infinity) {
            Apfloat previous = null;
            result = null;
            for (long x : new long[] {10_000L, 1_000_000L, 100_000_000L}) {
                hpEnv.put(l.var(), new Apint(x));
                Apfloat v = inner.evalRaw(l.body(), hpEnv);
                previous = result;
                result = v;
            }
            Apfloat diff = HighPrecision.approx(result.subtract(previous)).multiply(new Apint(1_000_000));
            if (org.apfloat.ApfloatMath.abs(diff).compareTo(org.apfloat.ApfloatMath.abs(HighPrecision.approx(result))) > 0) {
                throw new Unusable("limit at infinity did not settle numerically");
            }
        } else {
            Apfloat x = inner.evalRaw(l.target(), hpEnv);
            Apfloat step = new Apfloat("1e-24", HighPrecision.DIGITS).multiply(org.apfloat.ApfloatMath.max(new Apint(1), org.apfloat.ApfloatMath.abs(HighPrecision.approx(x))));
            Map<String, Apfloat> up = new HashMap<>(hpEnv), down = new HashMap<>(hpEnv);
            up.put(l.var(), HighPrecision.approx(x).add(step));
            down.put(l.var(), HighPrecision.approx(x).subtract(step));
            result = inner.evalRaw(l.body(), up).add(inner.evalRaw(l.body(), down)).divide(new Apint(2));
        }
        return arith instanceof HighPrecision ? (T) result : arith.of(new java.math.BigDecimal(HighPrecision.approx(result).toString(true)));
    }

    private static Set<String> union(Set<String> s, String v) {
        java.util.HashSet<String> out = new java.util.HashSet<>(s);
        out.add(v);
        return out;
    }
}
