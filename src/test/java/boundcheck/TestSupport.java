package boundcheck;

import boundcheck.cas.Cas;
import boundcheck.check.Checker;
import boundcheck.check.Results.ItemResult;
import boundcheck.lang.Diagnostics;
import boundcheck.lang.Loader;
import boundcheck.lang.Theory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers: one CAS for the whole test JVM, checking files and snippets. */
public final class TestSupport {
    private TestSupport() {}

    private static Cas cas;

    public static synchronized Cas cas() {
        if (cas == null) cas = new Cas(2000);
        return cas;
    }

    public static List<ItemResult> check(Path file, int samples) {
        Diagnostics d = new Diagnostics();
        List<Theory> theories = Loader.load(List.of(file), d);
        if (d.hasErrors()) throw new AssertionError("errors in " + file + ": " + d.errors());
        List<ItemResult> out = new ArrayList<>();
        Checker checker = new Checker(cas(), 0, samples);
        for (Theory t : theories) out.addAll(checker.check(t, name -> { }));
        return out;
    }

    public static List<ItemResult> checkText(String text, int samples) {
        try {
            Path f = Files.createTempFile("snippet", ".bnd");
            Files.writeString(f, text);
            try {
                return check(f, samples);
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static ItemResult item(List<ItemResult> items, String name) {
        return items.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + name));
    }

    public static Diagnostics errorsOf(String text) {
        Diagnostics d = new Diagnostics();
        try {
            Path f = Files.createTempFile("snippet", ".bnd");
            Files.writeString(f, text);
            Loader.load(List.of(f), d);
            Files.deleteIfExists(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return d;
    }
}
