package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The build's model of the command line ({@link CommandModel}) is the one picocli reads from the
 * annotations: every command, mixin and option with the same attributes, the same usage text, and
 * values landing in the same fields. An annotation changed without a rebuild, or an attribute the
 * generator does not copy, fails here.
 */
class CommandModelTest {
    private static final PrintWriter NONE = new PrintWriter(new StringWriter());

    @Test
    void theBuildMadeAModelAndTheCommandLineUsesIt() {
        assertThat(CommandModel.generated())
                .as("the build generates " + CommandModel.DATA_CLASS)
                .isNotNull();
        CommandLine cli = Cli.create(NONE, NONE, "evaluate", "x.yaml");
        OptionSpec pricing =
                cli.getSubcommands().get("evaluate").getCommandSpec().findOption("--pricing");
        // an annotated option is bound to its field by reflection; the generated one is not
        assertThat(pricing.userObject() instanceof Field).isFalse();
        assertThat(Cli.createReflective(NONE, NONE)
                        .getSubcommands()
                        .get("evaluate")
                        .getCommandSpec()
                        .findOption("--pricing")
                        .userObject())
                .isInstanceOf(Field.class);
    }

    @Test
    void everyCommandHasTheSameUsageTextAndTheSameOptions() {
        Map<String, CommandLine> generated = commands(Cli.create(NONE, NONE));
        Map<String, CommandLine> reflective = commands(Cli.createReflective(NONE, NONE));

        assertThat(generated.keySet()).containsExactlyElementsOf(reflective.keySet());
        assertThat(generated).hasSizeGreaterThan(8);
        reflective.forEach((path, expected) -> {
            CommandLine actual = generated.get(path);
            assertThat(actual.getUsageMessage(CommandLine.Help.Ansi.OFF))
                    .as("usage of '%s'", path)
                    .isEqualTo(expected.getUsageMessage(CommandLine.Help.Ansi.OFF));
            assertThat(describe(actual.getCommandSpec()))
                    .as("model of '%s'", path)
                    .containsExactlyElementsOf(describe(expected.getCommandSpec()));
        });
    }

    @Test
    void parsedValuesLandInTheSameFields() {
        String[] args = {
            "evaluate",
            "a.yaml",
            "b.yaml",
            "--pricing",
            "p1",
            "--pricing",
            "p2",
            "-f",
            "json,md",
            "-o",
            "out/",
            "--as-of",
            "2026-01-02",
            "--verbose"
        };
        CommandLine generated = Cli.create(NONE, NONE, args);
        CommandLine reflective = Cli.createReflective(NONE, NONE, args);
        generated.parseArgs(args);
        reflective.parseArgs(args);

        EvaluateCommand g = generated.getSubcommands().get("evaluate").getCommand();
        EvaluateCommand r = reflective.getSubcommands().get("evaluate").getCommand();
        assertThat(g.scenarioFiles).isEqualTo(r.scenarioFiles).hasSize(2);
        assertThat(g.pricing.layers).isEqualTo(r.pricing.layers).hasSize(2);
        assertThat(g.output.formats).isEqualTo(r.output.formats).hasSize(2);
        assertThat(g.output.outputArg).isEqualTo(r.output.outputArg).isEqualTo("out/");
        assertThat(g.asOf).isEqualTo(r.asOf).isNotNull();
        assertThat(g.spec).isSameAs(generated.getSubcommands().get("evaluate").getCommandSpec());
        assertThat(Cli.verbose(generated.getSubcommands().get("evaluate"))).isTrue();
    }

    /** Every command by its path (root, "catalog", "catalog list", ...). */
    private static Map<String, CommandLine> commands(CommandLine root) {
        Map<String, CommandLine> all = new LinkedHashMap<>();
        collect("", root, all);
        return all;
    }

    private static void collect(String path, CommandLine cmd, Map<String, CommandLine> all) {
        all.put(path, cmd);
        cmd.getSubcommands().forEach((name, sub) -> collect((path + " " + name).strip(), sub, all));
    }

    /** One line per mixin, subcommand and argument, with every attribute that changes parsing or help. */
    private static List<String> describe(CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        lines.add("name " + spec.name() + " aliases " + List.of(spec.aliases()));
        lines.add("mixins " + spec.mixins().keySet());
        lines.add("subcommands " + spec.subcommands().keySet());
        lines.add("version " + List.of(spec.version()));
        for (ArgSpec arg : spec.args()) {
            String head = arg instanceof OptionSpec o
                    ? "option " + List.of(o.names()) + " negatable " + o.negatable() + " usageHelp " + o.usageHelp()
                            + " versionHelp " + o.versionHelp() + " order " + o.order() + " fallback "
                            + o.fallbackValue()
                    : "positional " + ((PositionalParamSpec) arg).index();
            lines.add(head
                    + " label " + arg.paramLabel()
                    + " description " + List.of(arg.description())
                    + " type " + arg.type().getName()
                    + " aux "
                    + Arrays.stream(arg.auxiliaryTypes()).map(Class::getName).toList()
                    + " arity " + arg.arity()
                    + " required " + arg.required()
                    + " split " + arg.splitRegex() + "/" + arg.splitRegexSynopsisLabel()
                    + " default " + arg.defaultValue()
                    + " showDefault " + arg.showDefaultValue()
                    + " hidden " + arg.hidden()
                    + " scope " + arg.scopeType()
                    + " inherited " + arg.inherited()
                    + " interactive " + arg.interactive()
                    + " converters "
                    + Arrays.stream(arg.converters())
                            .map(c -> c.getClass().getName())
                            .toList()
                    + " candidates "
                    + (arg.completionCandidates() == null
                            ? "none"
                            : StreamSupport.stream(arg.completionCandidates().spliterator(), false)
                                    .collect(Collectors.joining(",")))
                    + " initial " + arg.hasInitialValue() + "=" + arg.initialValue()
                    + " toString " + arg);
        }
        return lines;
    }
}
