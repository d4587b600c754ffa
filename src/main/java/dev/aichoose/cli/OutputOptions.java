package dev.aichoose.cli;

import dev.aichoose.report.OutputFormat;
import dev.aichoose.report.Renderer;
import dev.aichoose.report.ReportDoesNotFit;
import dev.aichoose.report.ReportFiles;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code -f/--format} and {@code -o/--output} for every command that writes a report: one format
 * to standard output, one to a file (its format taken from the extension when {@code -f} is absent,
 * a mismatch refused), or several into a directory. Each command's subclass declares {@code -f}
 * with its own formats; the rules are here, once. {@code -o} is checked and every file written as
 * every command's output is ({@link CommandOutput}).
 */
@Command(addMethodSubcommands = false) // a mixin is read like a command: see BaseCommand
abstract class OutputOptions<F extends Enum<F> & OutputFormat<T>, T> {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE|DIR",
            description = {
                "Write to FILE instead of standard output (its extension selects the format when -f is "
                        + "absent), or into DIR as <stem>.<ext>: DIR is an existing directory, a path ending in /, "
                        + "or any path when several formats or several inputs are asked for.",
                "Every file is written atomically: a failed run leaves the previous report as it was."
            })
    String outputArg;

    /** The formats {@code -f} named, or null when it was not given. */
    abstract List<F> requested();

    abstract F defaultFormat();

    abstract List<F> all();

    /** Where the output goes, decided from the flags before any work is done. */
    sealed interface Target<F> {}

    record Stdout<F>(F format) implements Target<F> {}

    record ToFile<F>(Path file, F format) implements Target<F> {}

    record ToDirectory<F>(Path dir, List<F> formats) implements Target<F> {}

    /**
     * @param inputs how many inputs (scenarios) the command writes a report for; several need a
     *     directory, or a text format that can follow itself on standard output
     * @param concatenable the formats that may print several reports one after another
     */
    Target<F> target(int inputs, List<F> concatenable) {
        List<F> asked = requested() == null ? null : List.copyOf(new LinkedHashSet<>(requested()));
        if (outputArg == null) {
            List<F> formats = asked == null ? List.of(defaultFormat()) : asked;
            if (formats.size() > 1)
                throw new UsageException("several formats (" + ids(formats) + ") need a directory: add -o DIR");
            F format = formats.getFirst();
            if (format.binary()) {
                throw new UsageException(format.id() + " is binary and is not printed: write it with -o FILE."
                        + format.extensions().getFirst() + " or -o DIR");
            }
            if (inputs > 1 && !concatenable.contains(format)) {
                throw new UsageException(
                        inputs + " inputs in " + format.id() + " need a directory, one file each: add -o DIR"
                                + " (on standard output only " + ids(concatenable) + " can follow one another)");
            }
            return new Stdout<>(format);
        }
        Path output;
        try {
            output = Path.of(outputArg);
        } catch (InvalidPathException e) {
            throw new UsageException("-o " + outputArg + ": not a valid path (" + e.getReason() + ")");
        }
        boolean directory = (asked != null && asked.size() > 1)
                || inputs > 1
                || Files.isDirectory(output)
                || outputArg.endsWith("/")
                || outputArg.endsWith(File.separator);
        if (directory) {
            if (Files.isRegularFile(output)) {
                throw new UsageException("-o " + outputArg + " is a file, but "
                        + (inputs > 1 ? inputs + " inputs" : ids(asked)) + " write several files: give a directory");
            }
            CommandOutput.checkDirectory(output);
            return new ToDirectory<>(output, asked == null ? List.of(defaultFormat()) : asked);
        }
        Optional<String> extension = extension(output);
        Optional<F> inferred = extension.flatMap(
                ext -> all().stream().filter(f -> f.extensions().contains(ext)).findFirst());
        if (asked == null) {
            if (inferred.isEmpty()) {
                throw new UsageException("-o " + outputArg + ": cannot tell the format from "
                        + extension.map(e -> "the extension ." + e).orElse("a name without an extension")
                        + "; add -f FORMAT (" + ids(all()) + "), or end a directory's name with /");
            }
            CommandOutput.checkFile("-o", output);
            return new ToFile<>(output, inferred.get());
        }
        F format = asked.getFirst();
        if (inferred.isPresent() && inferred.get() != format) {
            throw new UsageException("-f " + format.id() + " does not match -o " + outputArg + " (." + extension.get()
                    + " is " + inferred.get().id() + "): drop -f, or name the file ."
                    + format.extensions().getFirst());
        }
        CommandOutput.checkFile("-o", output);
        return new ToFile<>(output, format);
    }

    /**
     * Refuses, before anything is written, a target that would write over one of the command's inputs;
     * {@code stems} name the files the command writes into a directory (one per report).
     */
    void refuseInputs(Target<F> target, List<String> stems, Inputs inputs) {
        switch (target) {
            case Stdout<F> s -> {}
            case ToFile<F> f -> inputs.refuse("-o", f.file());
            case ToDirectory<F> d -> {
                for (String stem : stems) {
                    for (F format : d.formats()) {
                        for (OutputFormat.OutputFile<T> file : format.files(stem)) {
                            inputs.refuse("-o", d.dir().resolve(file.name()));
                        }
                    }
                }
            }
        }
    }

    /**
     * Writes {@code value} where the target says, reporting each file written on {@code err}.
     * {@code stem} names the files in a directory.
     */
    void write(Target<F> target, T value, String stem, PrintWriter out, PrintWriter err) throws IOException {
        switch (target) {
            case Stdout<F> s -> {
                if (!(s.format().renderer() instanceof Renderer.Text<T> text)) {
                    throw new IllegalStateException(s.format().id() + " is not text");
                }
                text.render(value, out);
                out.flush();
            }
            case ToFile<F> f -> {
                file(f.file(), f.format().renderer(), value);
                err.println("aichoose: wrote " + f.file());
            }
            case ToDirectory<F> d -> {
                List<Path> written = new ArrayList<>();
                for (F format : d.formats()) {
                    for (OutputFormat.OutputFile<T> file : format.files(stem)) {
                        Path p = d.dir().resolve(file.name());
                        file(p, file.renderer(), value);
                        written.add(p);
                    }
                }
                for (Path p : written) err.println("aichoose: wrote " + p);
            }
        }
    }

    private static <T> void file(Path p, Renderer<T> renderer, T value) {
        try {
            ReportFiles.write(p, renderer, value);
        } catch (ReportDoesNotFit e) {
            throw new UsageException("cannot write " + p + " (" + e.getMessage() + ")");
        }
    }

    static Optional<String> extension(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && dot < name.length() - 1
                ? Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    private static String ids(List<? extends OutputFormat<?>> formats) {
        return String.join(",", formats.stream().map(OutputFormat::id).toList());
    }
}
