package boundcheck.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Section 6 on the trained network in test-data: what {@code eval @test-data/section6/section6.args}
 * computes agrees with numpy (reference.json, written by the training script with np.linalg.norm and
 * the four formulas typed in Python), so the theory file, the weight reader and the norms are checked
 * against an independent implementation.
 */
class Section6EvalTest {
    private static JsonNode report, reference;
    private static int code;
    @TempDir static Path dir;

    @BeforeAll
    static void run() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        code = Main.run(new String[] {"eval", "@test-data/section6/section6.args", "--format", "json",
                        "--plot", dir.resolve("f.png").toString(), "--plot", dir.resolve("f.svg").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        reference = new ObjectMapper().readTree(Path.of("test-data/section6/reference.json").toFile());
    }

    private static void close(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, relative * Math.abs(expected), what);
    }

    @Test
    void normsAgreeWithNumpy() {
        assertEquals(0, code);
        for (JsonNode w : report.get("weights")) {
            JsonNode r = reference.get(w.get("name").asText());
            close(r.get("spectral").asDouble(), w.get("spectral").asDouble(), 1e-12, w + " spectral");
            close(r.get("frobenius").asDouble(), w.get("frobenius").asDouble(), 1e-12, w + " frobenius");
            // the paper's (2,1) norm sums the column norms; its transpose sums the row norms
            close(r.get("l21_cols").asDouble(), w.get("two_one").asDouble(), 1e-12, w + " (2,1)");
            close(r.get("l21_rows").asDouble(), w.get("two_one_transpose").asDouble(), 1e-12, w + " (2,1) of the transpose");
        }
        assertEquals(3, report.get("weights").size());
    }

    @Test
    void theFourBoundsAgreeWithNumpyAndEveryGapIsFlaggedVacuous() {
        Map<String, String> keys = Map.of("Ours", "ours", "Bound 1", "bound1", "Bound 2", "bound2", "Bound 3*", "bound3");
        int found = 0;
        for (JsonNode r : report.get("results")) {
            String key = keys.get(r.get("label").asText());
            if (key != null) {
                close(reference.get(key).asDouble(), r.get("value").asDouble(), 1e-9, r.toString());
                assertTrue(r.get("vacuous").isNull(), "a complexity is not judged for vacuity: " + r);
                found++;
            } else {
                assertTrue(r.get("bound_on_probability").asBoolean(), r.toString());
                assertTrue(r.get("vacuous").asBoolean(), "gap >= 1 must be flagged: " + r);
            }
        }
        assertEquals(4, found);
        assertTrue(report.get("all_defined").asBoolean());
    }

    @Test
    void constantsComeFromTheWeightsAndTheirShapes() {
        Map<String, String> sources = new java.util.HashMap<>();
        for (JsonNode c : report.get("constants")) sources.put(c.get("name").asText(), c.get("source").asText() + " = " + c.get("value").asText());
        assertEquals("array in vanilla_rnn.npz = 4096", sources.get("m"));
        assertEquals("array in vanilla_rnn.npz = 56", sources.get("t"));
        assertEquals("shape of W = 14", sources.get("d_x"));
        assertTrue(sources.get("d").endsWith("= 128"), sources.get("d"));
    }

    @Test
    void theChartsAreWritten() throws Exception {
        byte[] png = Files.readAllBytes(dir.resolve("f.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
        String svg = Files.readString(dir.resolve("f.svg"));
        assertTrue(svg.contains("<svg") && svg.contains("Bound 1") && svg.contains("Ours"), svg.substring(0, Math.min(300, svg.length())));
    }
}
