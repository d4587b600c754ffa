package dev.aichoose.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aichoose.model.BenchResult;
import dev.aichoose.output.AtomicFile;
import dev.aichoose.output.OutputFiles;
import dev.aichoose.output.WriteFailure;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes bench JSON v1 (read back by {@code load.BenchResultReader}) and names the JSONL beside it. */
public final class BenchResultFile {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private BenchResultFile() {}

    /** Where the per-request JSONL goes beside a result file: {@code x.json} → {@code x.requests.jsonl}. */
    public static Path requestLogBeside(Path result) {
        return RequestLog.besides(result);
    }

    /**
     * Writes a result as every command's output is written ({@link OutputFiles}): beside its target and
     * moved over it in one step, so that a reader never sees half a file and a failed write leaves the
     * earlier one. The target keeps its permissions, and a symbolic link is written through.
     *
     * @throws WriteFailure when it cannot be written (a full disk, a directory not writable)
     */
    public static void write(Path file, BenchResult result) {
        // a bench stopped by Ctrl-C writes what finished while the process stops: its signal hook waits for it
        OutputFiles.write(file, AtomicFile.WhenStopping.WRITE, out -> {
            out.write(MAPPER.writeValueAsBytes(result));
            out.write('\n');
        });
    }

    /** Moves {@code written} over {@code target} in one step where the file system can, with the target's permissions. */
    static void replace(Path written, Path target) throws IOException {
        if (Files.exists(target)) {
            try {
                Files.setPosixFilePermissions(written, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException notPosix) {
                // permissions as the file system gives them
            }
        }
        try {
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The file a path names, symbolic links followed (a link to a file not there yet too). */
    static Path throughLinks(Path file) {
        Path p = file;
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
            try {
                p = p.resolveSibling(Files.readSymbolicLink(p));
            } catch (IOException e) {
                return p;
            }
        }
        return p;
    }
}
