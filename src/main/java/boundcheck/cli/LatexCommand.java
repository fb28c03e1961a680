package boundcheck.cli;

import boundcheck.check.Results;
import boundcheck.latex.LatexDocument;
import boundcheck.lang.Theory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code boundcheck latex}: every theory as LaTeX. By default the files are checked first so that each
 * step carries its verdict as a margin mark (the same check as {@code boundcheck check}, same seed);
 * {@code --no-verdicts} prints statements and chains only, without checking.
 */
@Command(name = "latex", mixinStandardHelpOptions = true,
        description = "Print every statement, proof chain and composed bound as LaTeX (to stdout, or one .tex file per theory with -o).")
final class LatexCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = ".bnd files or folders (searched recursively)")
    List<Path> paths;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "write NAME.tex per theory file into DIR instead of stdout")
    Path outputDir;

    @Option(names = "--standalone", description = "whole documents that compile with pdflatex as they are (default: fragments to \\input)")
    boolean standalone;

    @Option(names = "--no-verdicts", description = "do not check; print no verdict marks or counterexamples")
    boolean noVerdicts;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the check behind the marks (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--samples", defaultValue = "2000", description = "numeric instances per step for the check (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--jobs", defaultValue = "0", description = "files checked in parallel (default: processors, at most 4)")
    int jobs;

    @Override
    public Integer call() {
        if (samples < 1) {
            Main.err.println("boundcheck: --samples must be at least 1");
            return 2;
        }
        List<Theory> theories = Main.load(paths);
        if (theories == null) return 2;
        List<Results.ItemResult> results = null;
        if (!noVerdicts) results = Main.checkAll(theories, seed, samples, 2000, jobs, name -> { }).items();
        List<String> fragments = new ArrayList<>();
        for (Theory t : theories) {
            List<Results.ItemResult> mine = results == null ? null
                    : results.stream().filter(r -> r.file().equals(t.file.path())).toList();
            fragments.add(LatexDocument.fragment(t, mine, !noVerdicts));
        }
        if (outputDir == null) {
            Main.out.print(standalone ? LatexDocument.standalone(fragments) : String.join("\n", fragments));
            return 0;
        }
        // everything is rendered before the first file is written
        Set<String> used = new HashSet<>();
        for (int i = 0; i < theories.size(); i++) {
            String stem = theories.get(i).file.path().getFileName().toString().replaceFirst("\\.bnd$", "");
            String name = stem;
            for (int k = 2; !used.add(name); k++) name = stem + "-" + k;
            String text = standalone ? LatexDocument.standalone(List.of(fragments.get(i))) : fragments.get(i);
            if (!Main.writeAtomically(outputDir.resolve(name + ".tex"), text)) return 2;
        }
        Main.err.println("wrote " + theories.size() + " file" + (theories.size() == 1 ? "" : "s") + " to " + outputDir
                + (results == null ? "" : " (verdicts from seed " + seed + ", " + samples + " samples per step)"));
        return 0;
    }
}
