package dev.aichoose.cli;

import dev.aichoose.load.CatalogLoader;
import dev.aichoose.model.Catalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code --pricing DIR}: the user's price books, layered over the shipped catalogs in the order given. */
@Command(addMethodSubcommands = false) // a mixin is read like a command: see BaseCommand
final class PricingOptions {
    @Option(
            names = "--pricing",
            paramLabel = "DIR",
            description = "A price book (a directory of *.yaml catalogs, or one file) layered over the shipped "
                    + "catalogs: an entry with the same id replaces the shipped one. Repeatable; later wins.")
    List<Path> layers = new ArrayList<>();

    /** The catalogs; a fit of the serving model on a price book's runs is announced on {@code err} first. */
    Catalog load(PrintWriter err) {
        return CatalogLoader.load(layers, line -> {
            err.println("aichoose: " + line);
            err.flush();
        });
    }

    /** The catalog files the price books hold: each one an input of the command. */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path layer : layers) files.addAll(CatalogLoader.yamlFiles(layer));
        return files;
    }
}
