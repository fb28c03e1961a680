package boundcheck.cli;

import boundcheck.lang.Diagnostics;
import boundcheck.lang.Loader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "boundcheck", mixinStandardHelpOptions = true, version = "boundcheck 0.1.0",
        description = "Checks the inequality chains of learning-theory papers.",
        subcommands = {Main.Parse.class})
public final class Main implements Callable<Integer> {
    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        System.out.flush();
        System.exit(code);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }

    @Command(name = "parse", description = "Parse and type-check theory files; print errors only.")
    static final class Parse implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PATH") List<Path> paths;

        @Override
        public Integer call() {
            Diagnostics d = new Diagnostics();
            Loader.load(paths, d);
            d.errors().forEach(e -> System.err.println(e.render()));
            return d.hasErrors() ? 2 : 0;
        }
    }
}
