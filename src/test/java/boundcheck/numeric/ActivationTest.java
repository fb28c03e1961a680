package boundcheck.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.lang.Ast.*;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample functions have the constants the sampler relies on (checked numerically, not taken
 * from the table), and the scaled activation meets the declared constants exactly: slope L at 0,
 * supremum b. A declared property the sample cannot have is refused.
 */
class ActivationTest {
    private static FunProp prop(String name, double arg) {
        return new FunProp(name, new Num(BigDecimal.valueOf(arg), Pos.NONE), null, Pos.NONE);
    }

    @Test
    void sampleConstantsHoldNumerically() {
        for (Activation.Sample g : Activation.Sample.values()) {
            double slope = 0, sup = 0;
            for (double x = -40; x <= 40; x += 1e-3) {
                double a = g.apply(DoubleArith.INSTANCE, x), b = g.apply(DoubleArith.INSTANCE, x + 1e-6);
                slope = Math.max(slope, Math.abs(b - a) / 1e-6);
                sup = Math.max(sup, Math.abs(a));
            }
            assertTrue(slope <= g.lipschitz * (1 + 1e-6), g + " slope " + slope);
            assertTrue(slope >= g.lipschitz * (1 - 1e-3), g + " Lipschitz constant is not attained: " + slope);
            if (Double.isFinite(g.sup)) assertTrue(sup <= g.sup && sup >= g.sup * (1 - 1e-6), g + " sup " + sup);
            assertEquals(g.zeroAtZero, g.apply(DoubleArith.INSTANCE, 0.0) == 0.0, g + " at 0");
        }
    }

    @Test
    void scaledTanhMeetsTheDeclaredConstantsExactly() {
        FunDecl decl = new FunDecl("sigma_h", List.of(prop("lipschitz", 3), new FunProp("zero_at_zero", null, null, Pos.NONE), prop("bounded", 0.5)), "tanh", Pos.NONE);
        Activation<Double> f = Activation.of(decl, DoubleArith.INSTANCE, e -> ((Num) e).value().doubleValue());
        double slopeAtZero = (f.apply(DoubleArith.INSTANCE, 1e-7) - f.apply(DoubleArith.INSTANCE, -1e-7)) / 2e-7;
        assertEquals(3, slopeAtZero, 1e-6);
        assertEquals(0.5, f.apply(DoubleArith.INSTANCE, 1e6), 1e-12);
        assertEquals(0.0, f.apply(DoubleArith.INSTANCE, 0.0));
    }

    @Test
    void impossibleDeclarationsAreRefused() {
        FunDecl sigmoidAtZero = new FunDecl("s", List.of(prop("lipschitz", 0.25), new FunProp("zero_at_zero", null, null, Pos.NONE)), "sigmoid", Pos.NONE);
        assertThrows(Evaluator.Unsupported.class, () -> Activation.of(sigmoidAtZero, DoubleArith.INSTANCE, e -> ((Num) e).value().doubleValue()));
        FunDecl boundedRelu = new FunDecl("r", List.of(prop("lipschitz", 1), prop("bounded", 1)), "relu", Pos.NONE);
        assertThrows(Evaluator.Unsupported.class, () -> Activation.of(boundedRelu, DoubleArith.INSTANCE, e -> ((Num) e).value().doubleValue()));
    }
}
