package boundcheck.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import boundcheck.lang.Ast.*;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Printing a tree and parsing it back gives the same tree (positions aside). */
class PrinterRoundTripProperties {
    @Property(tries = 1000)
    void printThenParseIsIdentity(@ForAll("expressions") Expr e) {
        String text = Printer.print(e);
        Diagnostics d = new Diagnostics();
        Expr back = Parsing.parseExpr(text, d);
        assertFalse(d.hasErrors(), text + " -> " + d.errors());
        assertEquals(Exprs.strip(e), Exprs.strip(back), text);
    }

    @Provide
    Arbitrary<Expr> expressions() { return expr(4); }

    private Arbitrary<Expr> expr(int depth) {
        Arbitrary<Expr> leaf = Arbitraries.oneOf(
                Arbitraries.of("x", "rho_h", "B_U", "h'", "beta").map(Exprs::name),
                Arbitraries.integers().between(0, 99).map(i -> (Expr) Exprs.num(i)),
                Arbitraries.of("0.5", "2.6801", "1e-3").map(s -> (Expr) Exprs.num(new BigDecimal(s))));
        if (depth == 0) return leaf;
        Arbitrary<Expr> sub = expr(depth - 1);
        return Arbitraries.lazyOf(
                () -> leaf,
                () -> leaf,
                () -> Arbitraries.of(BinOp.ADD, BinOp.SUB, BinOp.MUL, BinOp.DIV, BinOp.POW)
                        .flatMap(op -> sub.flatMap(l -> sub.map(r -> (Expr) Exprs.bin(op, l, r)))),
                () -> sub.map(x -> (Expr) new Neg(x, Pos.NONE)),
                () -> Arbitraries.of("sqrt", "log", "exp").flatMap(f -> sub.map(x -> (Expr) new Call(f, List.of(x), Pos.NONE))),
                () -> sub.flatMap(a -> sub.map(b -> (Expr) new Call("max", List.of(a, b), Pos.NONE))),
                () -> sub.map(x -> (Expr) new Abs(x, Pos.NONE)),
                () -> Arbitraries.of(NormKind.DEFAULT, NormKind.INF, NormKind.FROBENIUS, NormKind.TWO_ONE)
                        .flatMap(k -> sub.map(x -> (Expr) new Norm(x, k, Pos.NONE))),
                () -> sub.map(x -> (Expr) new Index(Exprs.name("h"), x, Pos.NONE)),
                () -> Arbitraries.of(AggKind.SUM, AggKind.PROD, AggKind.MAX).flatMap(k -> sub.flatMap(hi -> sub.map(body ->
                        (Expr) new Aggregate(k, "j", Exprs.num(0), hi, null, body, Pos.NONE)))),
                () -> sub.map(body -> (Expr) new Limit("t", new Infinity(Pos.NONE), body, Pos.NONE)));
    }
}
