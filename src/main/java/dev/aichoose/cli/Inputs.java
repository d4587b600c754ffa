package dev.aichoose.cli;

import dev.aichoose.model.Option;
import dev.aichoose.model.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files one command reads, so that none is written over: an output path that resolves to one of
 * them (the same path, a relative spelling of it, a symbolic link to it or another hard link of it) is
 * refused as a usage error (exit 2) before anything is written. Files are compared as the file system
 * knows them (device and inode), so no spelling of a path gets past.
 */
final class Inputs {
    private record Input(Path file, String role) {}

    private final List<Input> files = new ArrayList<>();

    /** {@code role} says what the file is to this command, for the message: "the scenario", "a price book". */
    Inputs add(Path file, String role) {
        files.add(new Input(file, role));
        return this;
    }

    Inputs addAll(List<Path> paths, String role) {
        paths.forEach(p -> add(p, role));
        return this;
    }

    /** The bench results a loaded scenario's options read (its {@code bench:} paths and --bench files). */
    Inputs benchOf(Scenario scenario) {
        for (Option o : scenario.options()) {
            if (o instanceof Option.Sized sized && sized.serving().measured() != null) {
                add(Path.of(sized.serving().measured().file()), "a bench result the scenario reads");
            }
        }
        return this;
    }

    /** Throws a usage error when {@code output} is one of the inputs; {@code flag} names the option it came from. */
    void refuse(String flag, Path output) {
        // no -o (standard output), or a file that is not there yet: nobody's input
        if (output == null || !Files.exists(output)) return;
        for (Input input : files) {
            if (same(output, input.file())) {
                throw new UsageException(flag + " " + output + " is " + input.role() + " " + input.file()
                        + ", an input of this command: refusing to write over it (name another file)");
            }
        }
    }

    private static boolean same(Path output, Path input) {
        try {
            return Files.exists(input) && Files.isSameFile(output, input);
        } catch (IOException e) {
            return false; // one of the two cannot be looked at: then it cannot be read as an input either
        }
    }
}
