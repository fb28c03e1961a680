package boundcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.TestSupport;
import boundcheck.check.Results.ItemResult;
import boundcheck.check.Results.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paper's items in theorems/ with their recorded verdicts (test-data/golden/theorems.tsv, one
 * line per item: file, name, item verdict, step verdicts). Any changed verdict fails; so does an
 * item added or removed without updating the record. Regenerate deliberately with
 * {@code mvn test -Dtest=TheoremsRegressionTest -Dboundcheck.updateGolden=true} and review the diff.
 */
class TheoremsRegressionTest {
    private static final Path GOLDEN = Path.of("test-data/golden/theorems.tsv");
    private static Map<String, String> actual;

    @BeforeAll
    static void run() throws Exception {
        actual = new LinkedHashMap<>();
        List<Path> files;
        try (var walk = Files.walk(Path.of("theorems"))) {
            files = walk.filter(p -> p.toString().endsWith(".bnd")).sorted().toList();
        }
        for (Path f : files) {
            for (ItemResult i : TestSupport.check(f, 2000)) {
                String steps = i.steps().stream().map(s -> s.verdict().word()).collect(Collectors.joining(","));
                actual.put(f.getFileName() + "\t" + i.name(), i.verdict().word() + "\t" + steps + "\t" + (i.asExpected() ? "as-expected" : "UNEXPECTED"));
            }
        }
        if (Boolean.getBoolean("boundcheck.updateGolden")) {
            List<String> lines = new ArrayList<>();
            lines.add("# file\titem\tverdict\tstep verdicts\texpectation  (generated; see TheoremsRegressionTest)");
            actual.forEach((k, v) -> lines.add(k + "\t" + v));
            Files.write(GOLDEN, lines);
        }
    }

    private static Map<String, String> golden() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(GOLDEN)) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] parts = line.split("\t", 3);
            out.put(parts[0] + "\t" + parts[1], parts[2]);
        }
        return out;
    }

    @Test
    void noVerdictChanged() throws Exception {
        Map<String, String> expected = golden();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String now = actual.get(e.getKey());
            if (now != null && !now.equals(e.getValue())) changed.add(e.getKey() + ": recorded " + e.getValue() + ", now " + now);
        }
        assertTrue(changed.isEmpty(), String.join("\n", changed));
    }

    @Test
    void noItemAddedOrRemovedWithoutUpdatingTheRecord() throws Exception {
        assertEquals(golden().keySet(), actual.keySet());
    }

    @Test
    void everyItemIsAsAnnotated() {
        List<String> unexpected = actual.entrySet().stream().filter(e -> e.getValue().endsWith("UNEXPECTED")).map(Map.Entry::getKey).toList();
        assertTrue(unexpected.isEmpty(), "items whose verdict contradicts their annotation: " + unexpected);
    }
}
