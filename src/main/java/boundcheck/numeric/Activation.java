package boundcheck.numeric;

import boundcheck.lang.Ast.*;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A declared activation at one instance: {@code f(x) = out * g(in * x)} with {@code g} the declared
 * {@code sample} function, scaled so that the declared constants are met exactly. With
 * {@code lipschitz L, bounded b} and {@code g = tanh}: {@code f(x) = b * tanh(L x / b)}, whose slope at
 * 0 is {@code L} and whose supremum is {@code b} — the worst case a proof must survive.
 */
public record Activation<T>(Sample g, T out, T in) {

    /** A concrete sample function with its exact Lipschitz constant and supremum of |g|. */
    public enum Sample {
        TANH(1, 1, true, -1, 1),
        SIGMOID(0.25, 1, false, 0, 1),
        RELU(1, Double.POSITIVE_INFINITY, true, 0, Double.POSITIVE_INFINITY),
        IDENTITY(1, Double.POSITIVE_INFINITY, true, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

        public final double lipschitz, sup, inf, max;
        public final boolean zeroAtZero;

        Sample(double lipschitz, double sup, boolean zeroAtZero, double inf, double max) {
            this.lipschitz = lipschitz;
            this.sup = sup;
            this.zeroAtZero = zeroAtZero;
            this.inf = inf;
            this.max = max;
        }

        public static Sample of(String name) {
            return switch (name) {
                case "tanh" -> TANH;
                case "sigmoid" -> SIGMOID;
                case "relu" -> RELU;
                case "identity" -> IDENTITY;
                default -> null;
            };
        }

        public <T> T apply(Arith<T> a, T x) {
            switch (this) {
                case IDENTITY: return x;
                case RELU: return a.signum(x) > 0 ? x : a.of(0);
                case TANH: {
                    if (a instanceof DoubleArith) return cast(Math.tanh(a.toDouble(x)));
                    // beyond |x| = 100 tanh is +-1 to far more than 60 digits
                    if (a.compare(a.abs(x), a.of(100)) > 0) return a.of(a.signum(x));
                    T e = a.exp(a.mul(a.of(2), x));
                    return a.sub(a.of(1), a.div(a.of(2), a.add(e, a.of(1))));
                }
                default: {
                    if (a instanceof DoubleArith) return cast(1 / (1 + Math.exp(-a.toDouble(x))));
                    if (a.compare(x, a.of(300)) > 0) return a.of(1);
                    return a.div(a.of(1), a.add(a.of(1), a.exp(a.neg(x))));
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static <T> T cast(double d) { return (T) Double.valueOf(d); }
    }

    public T apply(Arith<T> a, T x) { return a.mul(out, g.apply(a, a.mul(in, x))); }

    /**
     * The activation {@code decl} at one instance; {@code constant} evaluates a declared constant
     * ({@code rho_h}, {@code b}). Throws {@link Evaluator.Unsupported} when the sample cannot meet the
     * declared properties (e.g. {@code zero_at_zero} with {@code sigmoid}).
     */
    public static <T> Activation<T> of(FunDecl decl, Arith<T> a, java.util.function.Function<Expr, T> constant) {
        Sample g = Sample.of(decl.sample() == null ? "tanh" : decl.sample());
        if (g == null) throw new Evaluator.Unsupported("activation '" + decl.name() + "': unknown sample function '" + decl.sample() + "'");
        T lip = null, bound = null;
        Interval range = null;
        for (FunProp p : decl.props()) {
            switch (p.name()) {
                case "lipschitz" -> lip = constant.apply(p.arg());
                case "bounded" -> bound = constant.apply(p.arg());
                case "range" -> range = p.interval();
                case "zero_at_zero" -> {
                    if (!g.zeroAtZero) throw new Evaluator.Unsupported("activation '" + decl.name() + "': sample " + decl.sample() + " is not zero at zero, as declared");
                }
                default -> throw new Evaluator.Unsupported("activation '" + decl.name() + "': property '" + p.name() + "' has no numeric meaning");
            }
        }
        T gl = a.of(new BigDecimal(Double.toString(g.lipschitz)));
        T out = a.of(1), in = a.of(1);
        if (bound != null) {
            if (Double.isInfinite(g.sup)) throw new Evaluator.Unsupported("activation '" + decl.name() + "': sample " + decl.sample() + " is unbounded, but declared bounded");
            if (a.signum(bound) <= 0) throw new Evaluator.Unusable("bound of an activation is not positive");
            T gs = a.of(new BigDecimal(Double.toString(g.sup)));
            out = a.div(bound, gs);
            in = lip == null ? a.of(1) : a.div(a.mul(lip, gs), a.mul(bound, gl));
        } else if (lip != null) {
            if (range != null) in = a.div(lip, gl);   // keep the range: scale the input only
            else out = a.div(lip, gl);
        }
        if (lip != null && a.signum(lip) <= 0) throw new Evaluator.Unusable("Lipschitz constant is not positive");
        if (range != null) {
            double lo = constantDouble(range.lo(), a, constant), hi = constantDouble(range.hi(), a, constant);
            double o = a.toDouble(out);
            double fInf = g.inf * o, fMax = g.max * o;
            boolean ok = (range.loOpen() ? fInf >= lo : fInf >= lo) && (range.hiOpen() ? fMax <= hi : fMax <= hi);
            if (!ok) throw new Evaluator.Unsupported("activation '" + decl.name() + "': the scaled sample " + decl.sample() + " leaves the declared range");
        }
        return new Activation<>(g, out, in);
    }

    private static <T> double constantDouble(Expr e, Arith<T> a, java.util.function.Function<Expr, T> constant) {
        if (e instanceof Infinity) return Double.POSITIVE_INFINITY;
        if (e instanceof Neg n && n.operand() instanceof Infinity) return Double.NEGATIVE_INFINITY;
        return a.toDouble(constant.apply(e));
    }

    /** {@code sup |f|} as declared by the scaling, or infinity. */
    public double supremum(Arith<T> a) { return g.sup * Math.abs(a.toDouble(out)); }
}
