package dev.aichoose.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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

    @Test
    void noPackagesDependOnEachOtherInACircle() {
        slices().matching("dev.aichoose.(**)")
                .should()
                .beFreeOfCycles()
                .because("each package sits on a floor; an arrow that comes back is a floor that cannot be "
                        + "understood, or changed, alone")
                .check(CLASSES);
    }

    @Test
    void theWorkbookKnowsNothingOfTheOtherReports() {
        noClasses()
                .that()
                .resideInAPackage("dev.aichoose.report.xlsx..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.aichoose.report")
                .because("report.XlsxReport hands the workbook what it shares with the other reports (the kinds' "
                        + "names, the simulation's sheet); the sheets and their formulas stand alone")
                .check(CLASSES);
    }

    @Test
    void whatEveryReaderSharesDependsOnNothingOfTheProgram() {
        noClasses()
                .that()
                .resideInAPackage("dev.aichoose.input..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("dev.aichoose..").and(not(resideInAPackage("dev.aichoose.input.."))))
                .because("input (opening files, located YAML nodes, diagnostics, git) is the floor every reader "
                        + "stands on: load, bench, diff and catalog")
                .check(CLASSES);
    }

    @Test
    void whatEveryWriterSharesDependsOnNothingOfTheProgram() {
        noClasses()
                .that()
                .resideInAPackage("dev.aichoose.output..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("dev.aichoose..").and(not(resideInAPackage("dev.aichoose.output.."))))
                .because("output (atomic files, one write failure) is the floor every command's result is written "
                        + "on: report, bench and the command line")
                .check(CLASSES);
    }

    @Test
    void onlyTheGitRunnerStartsAProcess() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("dev.aichoose.input.Git")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(ProcessBuilder.class.getName())
                .because("one runner holds git to the same time limit, input limits and one-line errors for every "
                        + "caller")
                .check(CLASSES);
    }

    @Test
    void theBuildToolsAreCompiledApartFromTheProgram() throws ClassNotFoundException {
        // src/build/java compiles into target/build-classes, which the jar does not hold
        for (String tool : List.of(
                "dev.aichoose.cli.CommandModelSource",
                "dev.aichoose.load.ShippedCatalogsSource",
                "dev.aichoose.text.JavaLiterals")) {
            assertThat(location(Class.forName(tool))).as(tool).endsWith("/build-classes/");
        }
        assertThat(location(dev.aichoose.cli.ExitCode.class)).doesNotEndWith("/build-classes/");
        noClasses()
                .that(not(BUILD_TOOL))
                .should()
                .dependOnClassesThat(BUILD_TOOL)
                .because("the build tools run once at build time and are not in the jar")
                .check(CLASSES);
    }

    /**
     * Records of the model, the bench, the reports and the input layer, left for later: other work was
     * changing them when the rest moved to generated builders. Remove a name once its record has only
     * its canonical constructor; never add one.
     */
    private static final Set<String> TELESCOPING_LEFT_FOR_LATER = Set.of();

    @Test
    void recordsHaveOnlyTheirCanonicalConstructor() {
        classes()
                .that()
                .resideInAnyPackage(
                        "dev.aichoose.model..", "dev.aichoose.bench..", "dev.aichoose.report..", "dev.aichoose.input..")
                .and(DescribedPredicate.describe(
                        "are not left for later",
                        c -> !TELESCOPING_LEFT_FOR_LATER.contains(outermost(c).getName())))
                .should(declareNoConstructorButTheCanonicalOne())
                .because("a record with a default to fill in gets a @RecordBuilder and its builder (or a named"
                        + " static factory), not a constructor that fills it positionally: with several"
                        + " components of one type a swapped argument compiles (CONTRIBUTING.md, \"Records\")")
                .check(CLASSES);
    }

    /** A record as the rule forbids it: its rate may be passed where its limit belongs. */
    record Telescoping(String name, double rate, double limit) {
        Telescoping(String name, double rate) {
            this(name, rate, 1);
        }
    }

    @Test
    void theConstructorRuleCatchesATelescopingRecord() {
        JavaClasses sample = new ClassFileImporter().importClasses(Telescoping.class, ArchitectureTest.class);
        assertThat(classes()
                        .should(declareNoConstructorButTheCanonicalOne())
                        .evaluate(sample)
                        .getFailureReport()
                        .getDetails())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("Telescoping declares a constructor [class java.lang.String, double]");
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass o = c;
        while (o.getEnclosingClass().isPresent()) o = o.getEnclosingClass().get();
        return o;
    }

    private static ArchCondition<JavaClass> declareNoConstructorButTheCanonicalOne() {
        return new ArchCondition<>("declare no constructor but the canonical one, if a record") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Class<?> type = c.reflect();
                if (!type.isRecord()) return;
                Class<?>[] canonical = Arrays.stream(type.getRecordComponents())
                        .map(RecordComponent::getType)
                        .toArray(Class<?>[]::new);
                for (Constructor<?> k : type.getDeclaredConstructors()) {
                    if (!Arrays.equals(k.getParameterTypes(), canonical)) {
                        events.add(SimpleConditionEvent.violated(
                                c, c.getName() + " declares a constructor " + Arrays.toString(k.getParameterTypes())));
                    }
                }
            }
        };
    }

    private static final DescribedPredicate<JavaClass> BUILD_TOOL = DescribedPredicate.describe(
            "a build tool (src/build/java)",
            c -> c.getSource()
                    .map(s -> s.getUri().toString().contains("/build-classes/"))
                    .orElse(false));

    private static String location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().toString();
    }
}
