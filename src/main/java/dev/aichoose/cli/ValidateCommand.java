package dev.aichoose.cli;

import picocli.CommandLine.Command;

@Command(name = "validate", mixinStandardHelpOptions = true, description = "Not built yet.")
final class ValidateCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("validate is not built yet");
    }
}
