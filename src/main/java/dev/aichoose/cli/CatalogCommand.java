package dev.aichoose.cli;

import picocli.CommandLine.Command;

@Command(name = "catalog", mixinStandardHelpOptions = true, description = "Not built yet.")
final class CatalogCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("catalog is not built yet");
    }
}
