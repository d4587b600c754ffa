package dev.aichoose.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command's run: {@link #validate()} the options together, then {@link #execute()}. A problem
 * found while validating is a usage error on picocli's parameter path (exit 2, the message and
 * "Try 'aichoose CMD --help'"), before any file is read or any work done.
 * Annotated so that picocli (and its compile-time check) reads the {@code @Spec} below in every subclass,
 * and so that no subclass has its methods searched for {@code @Command} methods: aichoose has none,
 * and the search reads the annotations of every method a command inherits (about 10 ms of a start).
 */
@Command(addMethodSubcommands = false)
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        validate();
        return execute().code();
    }

    /** Checks what picocli cannot check option by option; throws {@link #usageError} on a problem. */
    protected void validate() {}

    protected abstract ExitCode execute() throws Exception;

    /** A usage error for this command. */
    protected final ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
