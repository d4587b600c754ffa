package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aichoose.cli.CliRun;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped example's HTML report laid out by a real browser at 1,280 px: headless Chromium
 * loads the page with a small script that measures it (SVG text boxes, the page's and each table's
 * scroll width, the charts' width, where dates wrap, how high the recommended line rises) and
 * writes what it found into the page, which Chromium then prints. Skipped where no Chromium is
 * installed ({@code CHROMIUM=/path/to/chromium} names one elsewhere); the instrumented pages stay in
 * {@code target/html-in-chromium/} to look at.
 */
class HtmlInChromiumTest {
    private static final Path OUT = Path.of("target/html-in-chromium");
    private static final int VIEWPORT = 1280;

    /** Runs in the page after layout; each problem is one line in #layout-problems. */
    private static final String MEASURE = """
            <script>
            window.addEventListener('load', () => {
              const problems = [];
              const view = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth > view + 1)
                problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px wide in ' + view);
              document.querySelectorAll('.wide').forEach((d, i) => {
                if (d.scrollWidth > d.clientWidth + 1)
                  problems.push('table ' + (d.firstElementChild.id || i) + ' scrolls sideways: ' + d.scrollWidth + ' px in ' + d.clientWidth);
              });
              const content = document.querySelector('h1').getBoundingClientRect().width;
              document.querySelectorAll('svg').forEach((svg, i) => {
                const name = (svg.closest('figure') || {}).id || ('svg ' + i);
                const w = svg.getBoundingClientRect().width;
                if (w < 0.95 * content) problems.push(name + ': chart ' + Math.round(w) + ' px wide, the content ' + Math.round(content));
                const vb = svg.viewBox.baseVal;
                svg.querySelectorAll('text').forEach(t => {
                  const b = t.getBBox();
                  if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5
                      || b.y + b.height > vb.y + vb.height + 0.5)
                    problems.push(name + ': text "' + t.textContent + '" leaves the chart: x ' + b.x.toFixed(1) + '..'
                      + (b.x + b.width).toFixed(1) + ', y ' + b.y.toFixed(1) + '..' + (b.y + b.height).toFixed(1)
                      + ' in ' + vb.width + ' x ' + vb.height);
                });
              });
              document.querySelectorAll('figure').forEach(f => {
                const rises = [];
                f.querySelectorAll('svg').forEach(svg => {
                  const line = svg.querySelector('polyline.recommended');
                  const axis = svg.querySelector('line.axisline');
                  if (!line || !axis) return;
                  const bottom = axis.y2.baseVal.value, top = axis.y1.baseVal.value;
                  rises.push((bottom - line.getBBox().y) / (bottom - top));
                });
                if (rises.length && Math.max(...rises) < 0.1)
                  problems.push(f.id + ': the recommended line rises ' + (100 * Math.max(...rises)).toFixed(1)
                    + ' % of the plot at most: flat on the axis');
              });
              document.querySelectorAll('.date').forEach(d => {
                if (d.getClientRects().length > 1) problems.push('the date ' + d.textContent + ' wraps');
              });
              const report = document.createElement('pre');
              report.id = 'layout-problems';
              report.textContent = problems.join('\\n');
              document.body.appendChild(report);
              const done = document.createElement('pre');
              done.id = 'layout-measured';
              done.textContent = 'measured ' + document.querySelectorAll('svg').length + ' charts';
              document.body.appendChild(done);
            });
            </script>
            """;

    /** Every example in scenarios/, and each one with uncertainty ranges again with --simulate. */
    static Stream<Arguments> examples() throws IOException {
        List<Arguments> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            for (Path scenario :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String name = scenario.getFileName().toString().replace(".yaml", "");
                examples.add(Arguments.of(name, scenario, List.of()));
                if (Files.readString(scenario).contains("\nuncertainty:")) {
                    examples.add(Arguments.of(name + "-simulated", scenario, List.of("--simulate", "500")));
                }
            }
        }
        return examples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void fitsA1280PxScreen(String name, Path scenario, List<String> extra) throws Exception {
        Path chromium = chromium().orElse(null);
        assumeTrue(
                chromium != null,
                "no Chromium found (CHROMIUM, or chromium, chromium-browser, google-chrome on PATH):"
                        + " the HTML layout check is skipped; install one (apt-get install chromium) to run it");
        Files.createDirectories(OUT);
        check(chromium, name, scenario, extra);
    }

    private static void check(Path chromium, String name, Path scenario, List<String> extra) throws Exception {
        Path html = OUT.resolve(name + ".html");
        List<String> args =
                new ArrayList<>(List.of("evaluate", scenario.toString(), "-f", "html", "-o", html.toString()));
        args.addAll(extra);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        Path measured = OUT.resolve(name + ".measured.html");
        Files.writeString(measured, page.replace("</body>", MEASURE + "</body>"), StandardCharsets.UTF_8);

        String dom = dumpDom(chromium, measured);
        Matcher done = Pattern.compile("<pre id=\"layout-measured\">measured (\\d+) charts</pre>")
                .matcher(dom);
        assertThat(done.find())
                .as("the measuring script ran in Chromium; its DOM:\n" + tail(dom))
                .isTrue();
        assertThat(Integer.parseInt(done.group(1))).as("charts measured").isGreaterThanOrEqualTo(2);
        Matcher problems = Pattern.compile("<pre id=\"layout-problems\">(.*?)</pre>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(problems.find()).isTrue();
        assertThat(problems.group(1).lines().filter(l -> !l.isBlank()).toList())
                .as("layout problems of %s at %d px (page: %s)", scenario, VIEWPORT, measured)
                .isEmpty();
    }

    private static String dumpDom(Path chromium, Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path dom = OUT.resolve(page.getFileName() + ".dom");
        try {
            Process p = new ProcessBuilder(
                            chromium.toString(),
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--no-first-run",
                            "--user-data-dir=" + profile,
                            "--window-size=" + VIEWPORT + ",900",
                            "--virtual-time-budget=5000",
                            "--dump-dom",
                            page.toAbsolutePath().toUri().toString())
                    .redirectOutput(dom.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("Chromium did not finish within 120 s on " + page);
            }
            return Files.readString(dom, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
    }

    private static Optional<Path> chromium() {
        String named = System.getenv("CHROMIUM");
        if (named != null && !named.isBlank() && Files.isExecutable(Path.of(named))) return Optional.of(Path.of(named));
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String browser : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : path.split(File.pathSeparator, -1)) {
                Path candidate = Path.of(dir, browser);
                if (Files.isExecutable(candidate)) return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
