package boundcheck.cas;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import boundcheck.lang.Printer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Syntax tree to {@code IExpr} and back, within one session. User names become private dummy
 * symbols (so {@code E}, {@code N}, {@code Pi} stay user names); anything Symja should not look
 * inside (norms, entries, activations, max over a range) becomes an opaque atom.
 */
final class Translation {
    private final Map<String, ISymbol> symbols = new HashMap<>();
    private final Map<ISymbol, Expr> back = new HashMap<>();
    private final Map<Expr, ISymbol> atoms = new HashMap<>();

    static final class Untranslatable extends RuntimeException {
        Untranslatable(String what) { super(what, null, false, false); }
    }

    ISymbol symbol(String name) {
        return symbols.computeIfAbsent(name, n -> {
            ISymbol s = F.Dummy("u" + symbols.size() + "x");
            back.put(s, Exprs.name(n));
            return s;
        });
    }

    private ISymbol atom(Expr e) {
        Expr key = Exprs.strip(e);
        return atoms.computeIfAbsent(key, k -> {
            ISymbol s = F.Dummy("a" + atoms.size() + "x");
            back.put(s, key);
            return s;
        });
    }

    static IExpr number(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() <= 0) return F.ZZ(s.toBigIntegerExact());
        return F.fraction(s.unscaledValue(), BigInteger.TEN.pow(s.scale()));
    }

    IExpr to(Expr e) {
        if (e instanceof Num n) return number(n.value());
        if (e instanceof Name n) return symbol(n.id());
        if (e instanceof Infinity) return F.CInfinity;
        if (e instanceof Neg n) return F.Negate(to(n.operand()));
        if (e instanceof Abs a) return F.Abs(to(a.arg()));
        if (e instanceof Binary b) {
            IExpr l = to(b.left()), r = to(b.right());
            return switch (b.op()) {
                case ADD -> F.Plus(l, r);
                case SUB -> F.Subtract(l, r);
                case MUL -> F.Times(l, r);
                case DIV -> F.Divide(l, r);
                case POW -> F.Power(l, r);
                case HADAMARD -> atom(e);
            };
        }
        if (e instanceof Call c) {
            switch (c.fn()) {
                case "sqrt": return F.Sqrt(to(c.args().get(0)));
                case "log": return F.Log(to(c.args().get(0)));
                case "exp": return F.Exp(to(c.args().get(0)));
                case "abs": return F.Abs(to(c.args().get(0)));
                case "min": case "max": {
                    IExpr[] args = c.args().stream().map(this::to).toArray(IExpr[]::new);
                    return F.function(c.fn().equals("min") ? S.Min : S.Max, args);
                }
                default: return atom(e); // activations and uninlined lets
            }
        }
        if (e instanceof Aggregate a && (a.kind() == AggKind.SUM || a.kind() == AggKind.PROD) && a.exclude() == null) {
            ISymbol j = symbol(a.var());
            IAST range = F.List(j, to(a.lo()), to(a.hi()));
            return a.kind() == AggKind.SUM ? F.Sum(to(a.body()), range) : F.Product(to(a.body()), range);
        }
        if (e instanceof Limit l) {
            return F.Limit(to(l.body()), F.Rule(symbol(l.var()), to(l.target())));
        }
        return atom(e); // norms, entries, max/min over a range
    }

    /** Back to a syntax tree; throws {@link Untranslatable} for heads it does not know. */
    Expr from(IExpr e) {
        if (e instanceof IInteger i) return Exprs.num(new BigDecimal(i.toBigNumerator()));
        if (e instanceof IFraction f) {
            BigInteger num = f.toBigNumerator(), den = f.toBigDenominator();
            Expr n = Exprs.num(new BigDecimal(num.abs()));
            Expr q = Exprs.bin(BinOp.DIV, n, Exprs.num(new BigDecimal(den)));
            return num.signum() < 0 ? new Neg(q, Pos.NONE) : q;
        }
        if (e instanceof ISymbol s) {
            Expr known = back.get(s);
            if (known != null) return known;
            if (s == S.E) return new Call("exp", List.of(Exprs.num(1)), Pos.NONE);
            if (s == S.Infinity) return new Infinity(Pos.NONE);
            throw new Untranslatable(s.toString());
        }
        if (e.isDirectedInfinity() && e.isInfinity()) return new Infinity(Pos.NONE);
        if (!(e instanceof IAST ast)) throw new Untranslatable(e.toString());
        IExpr head = ast.head();
        if (head == S.Plus) {
            Expr acc = null;
            for (int i = 1; i < ast.size(); i++) {
                Expr term = from(ast.get(i));
                if (acc == null) acc = term;
                else if (term instanceof Neg n) acc = Exprs.bin(BinOp.SUB, acc, n.operand());
                else acc = Exprs.bin(BinOp.ADD, acc, term);
            }
            return acc;
        }
        if (head == S.Times) {
            List<Expr> num = new ArrayList<>(), den = new ArrayList<>();
            boolean negative = false;
            for (int i = 1; i < ast.size(); i++) {
                IExpr f = ast.get(i);
                if (f.isMinusOne()) { negative = !negative; continue; }
                if (f.isPower() && f.exponent().isNegative() && f.exponent().isRational()) {
                    den.add(from(F.Power(f.base(), f.exponent().negate()).eval()));
                    continue;
                }
                Expr x = from(f);
                if (x instanceof Neg n) { negative = !negative; x = n.operand(); }
                num.add(x);
            }
            Expr top = num.isEmpty() ? Exprs.num(1) : num.stream().reduce((a, b) -> Exprs.bin(BinOp.MUL, a, b)).get();
            Expr result = den.isEmpty() ? top : Exprs.bin(BinOp.DIV, top, den.stream().reduce((a, b) -> Exprs.bin(BinOp.MUL, a, b)).get());
            return negative ? new Neg(result, Pos.NONE) : result;
        }
        if (head == S.Power) {
            IExpr base = ast.arg1(), exp = ast.arg2();
            if (base == S.E) return new Call("exp", List.of(from(exp)), Pos.NONE);
            if (exp.isNumEqualRational(F.C1D2)) return new Call("sqrt", List.of(from(base)), Pos.NONE);
            if (exp.isRational() && exp.isNegative()) {
                Expr pos = from(F.Power(base, exp.negate()).eval());
                return Exprs.bin(BinOp.DIV, Exprs.num(1), pos);
            }
            return Exprs.bin(BinOp.POW, from(base), from(exp));
        }
        if (ast.argSize() == 1) {
            Expr arg = from(ast.arg1());
            if (head == S.Log) return new Call("log", List.of(arg), Pos.NONE);
            if (head == S.Abs) return new Abs(arg, Pos.NONE);
            if (head == S.Sqrt) return new Call("sqrt", List.of(arg), Pos.NONE);
            if (head == S.Exp) return new Call("exp", List.of(arg), Pos.NONE);
        }
        if (head == S.Min || head == S.Max) {
            List<Expr> args = new ArrayList<>();
            for (int i = 1; i < ast.size(); i++) args.add(from(ast.get(i)));
            return new Call(head == S.Min ? "min" : "max", args, Pos.NONE);
        }
        throw new Untranslatable(Printer.class.getSimpleName() + ":" + head);
    }
}
