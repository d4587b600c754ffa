package dev.aichoose.bench;

import dev.aichoose.model.BenchResult;
import dev.aichoose.output.WriteFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where one bench writes ({@code -o FILE}): the result and its request records, written beside
 * their names and moved into place together when the bench ends, so that a bench that dies leaves
 * the files of the last one as they were. One bench at a time per {@code FILE}: the first holds a
 * lock on {@code FILE.lock} (an operating-system lock, released when the process ends however it
 * ends) and a second is refused. A bench in which no request succeeded does not replace a result
 * already there: its files go beside it as {@code FILE}'s {@code .failed} pair.
 */
public final class BenchOutput implements AutoCloseable {
    /** Another bench holds the lock on the same {@code -o}. */
    public static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }

    /** Where a bench's files went; {@code kept} is an earlier result left in place, when there was one. */
    public record Placed(Path result, Path records, Path kept) {}

    private final Path result;
    private final Path lockFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path recordsBeingWritten;
    private boolean placed;

    private BenchOutput(Path result, Path lockFile, FileChannel lockChannel, FileLock lock) {
        this.result = result;
        this.lockFile = lockFile;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.recordsBeingWritten = partial(RequestLog.besides(result));
    }

    /**
     * Claims {@code result} for this process.
     *
     * @throws Busy when another bench (in this process or another) writes to it
     * @throws UncheckedIOException when its directory cannot be written
     */
    public static BenchOutput claim(Path result) {
        Path lockFile = result.resolveSibling(result.getFileName() + ".lock");
        try {
            Path parent = result.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            while (true) {
                FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                Object opened = fileKey(lockFile);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException sameProcess) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    throw new Busy("another aichoose bench is writing " + result + " (it holds " + lockFile
                            + "); wait for it to end or choose another -o");
                }
                // a bench that just ended deletes the file it locked: the lock must be on the file still there
                if (opened != null && opened.equals(fileKey(lockFile))) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(
                            (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
                    return new BenchOutput(result, lockFile, channel, lock);
                }
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            throw WriteFailure.of(result, e);
        }
    }

    /** The file's identity (device and inode where there are such), or null when it is gone. */
    private static Object fileKey(Path path) throws IOException {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
            // a file system without keys: nothing to compare, the file is taken to be the one opened
            return key != null ? key : path;
        } catch (java.nio.file.NoSuchFileException gone) {
            return null;
        }
    }

    /** Where the request records go while the bench runs: {@code x.requests.jsonl.partial}. */
    public Path recordsBeingWritten() {
        return recordsBeingWritten;
    }

    /**
     * Writes the result and moves the records into place beside it: over the earlier pair, unless
     * this bench measured nothing ({@code anySucceeded} false) and a result is already there, which
     * is kept, this bench's pair going to {@code x.failed.json} and {@code x.failed.requests.jsonl}.
     */
    public Placed place(BenchResult bench, boolean anySucceeded) {
        boolean keep = !anySucceeded && Files.exists(result);
        Path target = keep ? failedSibling(result) : result;
        Path records = RequestLog.besides(target);
        try {
            if (Files.exists(recordsBeingWritten))
                BenchResultFile.replace(recordsBeingWritten, BenchResultFile.throughLinks(records));
        } catch (IOException e) {
            throw WriteFailure.of(records, e);
        }
        BenchResultFile.write(target, bench);
        // the latencies as HdrHistogram logs too, which 'bench merge' adds up across shards
        if (Files.exists(records))
            BenchHistograms.write(BenchHistograms.beside(target), BenchHistograms.of(BenchMerge.read(records)));
        placed = true;
        return new Placed(target, records, keep ? result : null);
    }

    /** {@code x.json} → {@code x.failed.json}; {@code x} → {@code x.failed}. */
    static Path failedSibling(Path result) {
        String name = result.getFileName().toString();
        return result.resolveSibling(
                name.endsWith(".json") ? name.substring(0, name.length() - 5) + ".failed.json" : name + ".failed");
    }

    static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + ".partial");
    }

    /**
     * Releases the lock and removes its file. A bench that ended without placing its files (an
     * error) leaves its records in {@code x.requests.jsonl.partial}: they are what it measured.
     */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(lockFile);
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@link #place} ran. */
    boolean placed() {
        return placed;
    }
}
