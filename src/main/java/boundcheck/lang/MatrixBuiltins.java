package boundcheck.lang;

import boundcheck.lang.Ast.*;
import java.util.Map;

/**
 * Matrices and vectors built from others, for the paper's Conv RNN (Appendix D):
 * <ul>
 *   <li>{@code eye(n)}: the n x n identity;</li>
 *   <li>{@code transpose(A)};</li>
 *   <li>{@code conv(F, n)}: W_F, the k filters of F (k x k, one filter per column) as the stacked
 *       circulant-like matrices C_1..C_k of the paper, each (n-k+1) x n with row j holding the filter
 *       shifted right by j-1: a k(n-k+1) x n matrix;</li>
 *   <li>{@code pool(k, n)}: P = (1/k) [I_n ... I_n], k identities side by side: n x kn;</li>
 *   <li>{@code pad(v, p)}: v followed by p zeros (where the paper's zero padding goes it does not say).</li>
 * </ul>
 * Their shapes are given here once, as expressions, for the resolver, the kernel and the evaluator.
 */
public final class MatrixBuiltins {
    private MatrixBuiltins() {}

    /** Name to number of arguments. */
    public static final Map<String, Integer> ARITY = Map.of("eye", 1, "transpose", 1, "conv", 2, "pool", 2, "pad", 2);

    public static boolean is(Expr e) { return e instanceof Call c && ARITY.containsKey(c.fn()); }

    /** Whether the call gives a vector (pad) rather than a matrix. */
    public static boolean isVector(Call c) { return c.fn().equals("pad"); }

    /** Rows (or the length of a vector) as an expression; {@code rowsOf}/{@code colsOf} give the arguments' shapes. */
    public static Expr rows(Call c, java.util.function.Function<Expr, Expr> rowsOf, java.util.function.Function<Expr, Expr> colsOf) {
        Expr a = c.args().get(0);
        return switch (c.fn()) {
            case "eye" -> a;
            case "transpose" -> colsOf.apply(a);
            case "conv" -> {
                Expr k = rowsOf.apply(a);
                if (k == null) yield null;
                Expr n = c.args().get(1);
                yield Exprs.bin(BinOp.MUL, k, Exprs.bin(BinOp.ADD, Exprs.bin(BinOp.SUB, n, k), Exprs.num(1)));
            }
            case "pool" -> c.args().get(1);
            case "pad" -> {
                Expr n = rowsOf.apply(a);
                yield n == null ? null : Exprs.bin(BinOp.ADD, n, c.args().get(1));
            }
            default -> null;
        };
    }

    public static Expr cols(Call c, java.util.function.Function<Expr, Expr> rowsOf) {
        return switch (c.fn()) {
            case "eye" -> c.args().get(0);
            case "transpose" -> rowsOf.apply(c.args().get(0));
            case "conv" -> c.args().get(1);
            case "pool" -> Exprs.bin(BinOp.MUL, c.args().get(0), c.args().get(1));
            default -> null;
        };
    }
}
