package dev.aichoose.cli;

import picocli.CommandLine.Command;

@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Not built yet.")
final class EvaluateCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("evaluate is not built yet");
    }
}
