package dev.aichoose.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering the design promises, checked over the compiled classes. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.aichoose");

    /** The packages that take values and return values: no files, no network, no printing. */
    private static final String[] CORE = {
        "dev.aichoose.model..",
        "dev.aichoose.serving..",
        "dev.aichoose.cost..",
        "dev.aichoose.analysis..",
        "dev.aichoose.decide.."
    };

    @Test
    void onlyTheCliPackageUsesPicocli() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.aichoose.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("picocli..")
                .because("commands are adapters; the core and the loaders know nothing of the command line")
                .check(CLASSES);
    }

    @Test
    void theCoreDoesNoInputOrOutput() {
        noClasses()
                .that()
                .resideInAnyPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.io..", "java.nio.file..", "java.nio.channels..", "java.net..", "java.net.http..")
                .orShould()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .orShould()
                .accessField(System.class, "in")
                .because("Monte Carlo and sensitivity call the engine thousands of times, and tests need no files")
                .check(CLASSES);
    }

    @Test
    void theCoreDependsOnNoOuterLayer() {
        noClasses()
                .that()
                .resideInAnyPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.aichoose.cli..",
                        "dev.aichoose.load..",
                        "dev.aichoose.report..",
                        "dev.aichoose.bench..",
                        "dev.aichoose.diff..")
                .because("data flows one way: load → model → cost → analysis → decide → report")
                .check(CLASSES);
    }

    @Test
    void theServingModelSitsUnderTheCostEngine() {
        noClasses()
                .that()
                .resideInAPackage("dev.aichoose.serving..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.aichoose.cost..", "dev.aichoose.analysis..", "dev.aichoose.decide..")
                .because("the serving model answers one replica's question from the catalogs alone; costing and "
                        + "deciding build on it, never the other way round")
                .check(CLASSES);
    }

    @Test
    void nothingButTheCliKnowsTheCli() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.aichoose.cli..", "dev.aichoose")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.aichoose.cli..")
                .because("core code does not import the command line's exception types")
                .check(CLASSES);
    }
}
