package boundcheck.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.hipparchus.fraction.BigFraction;

/** The high-precision re-check agrees with exact rational arithmetic (Hipparchus BigFraction). */
class HighPrecisionProperties {
    @Property(tries = 1000)
    void agreesWithExactRationals(@ForAll("rationalExpressions") Expr e, @ForAll("values") BigDecimal x, @ForAll("values") BigDecimal y) {
        BigFraction exact;
        try {
            exact = reference(e, Map.of("x", new BigFraction(x.unscaledValue(), BigInteger.TEN.pow(Math.max(0, x.scale()))),
                    "y", new BigFraction(y.unscaledValue(), BigInteger.TEN.pow(Math.max(0, y.scale())))));
        } catch (ArithmeticException | org.hipparchus.exception.MathRuntimeException div0) {
            return; // the expression divides by zero at this point
        }
        Map<String, Apfloat> env = new HashMap<>();
        env.put("x", HighPrecision.INSTANCE.of(x));
        env.put("y", HighPrecision.INSTANCE.of(y));
        Apfloat v;
        try {
            v = new Evaluator<>(HighPrecision.INSTANCE, Set.of()).eval(e, env);
        } catch (Evaluator.Unusable u) {
            return; // overflow guard: the reference would be astronomically large too
        }
        Aprational r = (Aprational) v; // rational operations stay exact
        assertEquals(exact.getNumerator().multiply(r.denominator().toBigInteger()), r.numerator().toBigInteger().multiply(exact.getDenominator()));
    }

    private static BigFraction reference(Expr e, Map<String, BigFraction> env) {
        if (e instanceof Num n) return new BigFraction(n.value().unscaledValue(), BigInteger.TEN.pow(Math.max(0, n.value().scale())));
        if (e instanceof Name n) return env.get(n.id());
        if (e instanceof Neg n) return reference(n.operand(), env).negate();
        Binary b = (Binary) e;
        BigFraction l = reference(b.left(), env);
        if (b.op() == BinOp.POW) {
            int k = ((Num) b.right()).value().intValueExact();
            return k >= 0 ? l.pow(k) : BigFraction.ONE.divide(l.pow(-k));
        }
        BigFraction r = reference(b.right(), env);
        return switch (b.op()) {
            case ADD -> l.add(r);
            case SUB -> l.subtract(r);
            case MUL -> l.multiply(r);
            default -> {
                if (r.getNumerator().signum() == 0) throw new ArithmeticException("div0");
                yield l.divide(r);
            }
        };
    }

    @Provide
    Arbitrary<BigDecimal> values() {
        return Arbitraries.oneOf(Arbitraries.of("0", "1", "-1", "0.1", "2.6801", "1e-7", "13.6823"),
                Arbitraries.doubles().between(-100, 100).map(d -> Double.toString(d))).map(BigDecimal::new);
    }

    @Provide
    Arbitrary<Expr> rationalExpressions() { return expr(4); }

    private Arbitrary<Expr> expr(int depth) {
        Arbitrary<Expr> leaf = Arbitraries.oneOf(Arbitraries.of("x", "y").map(Exprs::name),
                Arbitraries.of("0.5", "3", "1", "0.001", "7").map(s -> (Expr) Exprs.num(new BigDecimal(s))));
        if (depth == 0) return leaf;
        Arbitrary<Expr> sub = expr(depth - 1);
        return Arbitraries.lazyOf(() -> leaf,
                () -> Arbitraries.of(BinOp.ADD, BinOp.SUB, BinOp.MUL, BinOp.DIV).flatMap(op -> sub.flatMap(l -> sub.map(r -> (Expr) Exprs.bin(op, l, r)))),
                () -> sub.flatMap(b -> Arbitraries.integers().between(-3, 5).map(k -> (Expr) Exprs.bin(BinOp.POW, b, Exprs.num(k)))),
                () -> sub.map(x -> (Expr) new Neg(x, Pos.NONE)));
    }
}
