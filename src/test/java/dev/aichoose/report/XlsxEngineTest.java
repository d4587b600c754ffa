package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Option;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.ScenarioBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The workbook's formulas against the real engine: every shipped scenario, and edits re-run through the engine. */
class XlsxEngineTest {
    static List<Path> scenarios() throws IOException {
        return Engine.scenarios();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void formulasAgreeWithTheEngine(Path file) throws IOException {
        Evaluation e = Engine.evaluate(Engine.scenario(file));
        try (XSSFWorkbook wb = XlsxReportTest.open(e)) {
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            XlsxReportTest.assertAgrees(wb, e);
        }
    }

    @Test
    void anApiPriceEditedInTheWorkbookMatchesTheEngineReRun() throws IOException {
        Scenario seed = Engine.scenario(Path.of("scenarios/seed-example.yaml"));
        Scenario cheaper = withOption(seed, "gpt-4", o -> o instanceof Option.Api a ? a.withOutputUsdPerMtok(0.5) : o);
        Evaluation expected = Engine.evaluate(cheaper);
        assertThat(expected.breakeven().getFirst().month())
                .as("the edit moves the breakeven from month 1")
                .isEqualTo(3);
        XlsxReportTest.assertEditMatchesEngine(Engine.evaluate(seed), "o_gpt_4_output_usd_per_mtok", 0.5, expected);
    }

    @Test
    void aHardwarePriceEditedInTheWorkbookMatchesTheEngineReRun() throws IOException {
        Scenario seed = Engine.scenario(Path.of("scenarios/seed-example.yaml"));
        Scenario dearer = withOption(
                seed, "rtx-4090-box", o -> o instanceof Option.SelfHosted s ? s.withHardwareUsd(50_000.0) : o);
        Evaluation expected = Engine.evaluate(dearer);
        // the unit price is an input; the upfront (50,000 + 1,400 for the rest of the system) follows by formula
        XlsxReportTest.assertEditMatchesEngine(
                Engine.evaluate(seed), "o_rtx_4090_box_unit_price_usd", 50_000, expected);
    }

    @Test
    void aClassOutputEditedInTheWorkbookMatchesTheEngineReRun() throws IOException {
        String yaml = Files.readString(Path.of("scenarios/fintech-escalations.yaml"));
        Evaluation original = Engine.evaluate(dev.aichoose.testing.Fixtures.scenario(yaml));
        // the escalations' own output: the class's cell is a value; only the options carrying it move
        Evaluation longer = Engine.evaluate(dev.aichoose.testing.Fixtures.scenario(
                yaml.replace("output_tokens_per_query: 400", "output_tokens_per_query: 800")));
        assertThat(longer.option("opus").tcoUsd())
                .isGreaterThan(original.option("opus").tcoUsd());
        XlsxReportTest.assertEditMatchesEngine(original, "c_escalations_output_tokens_per_query", 800, longer);
        // the workload's output: the default class takes it by formula, the escalations keep their own
        Evaluation chattier = Engine.evaluate(dev.aichoose.testing.Fixtures.scenario(
                yaml.replace("output_tokens_per_query: 8\n", "output_tokens_per_query: 20\n")));
        assertThat(chattier.option("opus").tcoUsd())
                .isGreaterThan(original.option("opus").tcoUsd());
        XlsxReportTest.assertEditMatchesEngine(original, "output_tokens_per_query", 20, chattier);
    }

    private static Scenario withOption(Scenario s, String id, UnaryOperator<Option> change) {
        List<Option> options = s.options().stream()
                .map(o -> o.id().equals(id) ? change.apply(o) : o)
                .toList();
        return ScenarioBuilder.builder()
                .name(s.name())
                .file(s.file())
                .horizonMonths(s.horizonMonths())
                .workload(s.workload())
                .profile(s.profile())
                .assumptions(s.assumptions())
                .options(options)
                .optionsFromDefaults(s.optionsFromDefaults())
                .build();
    }
}
