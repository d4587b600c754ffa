package dev.aichoose.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Catalog;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedCatalogsTest {
    @TempDir
    Path dir;

    @Test
    void theBuildsCopyIsTheCatalogTheYamlParsesTo() {
        Catalog parsed = CatalogLoader.parse(List.of());
        assertThat(ShippedCatalogs.prebuilt())
                .as("the build generates the copy (exec shipped-catalogs)")
                .contains(parsed);
        Catalog loaded = CatalogLoader.load(List.of());
        assertThat(loaded).isEqualTo(parsed);
        // reports list entries in catalog order, so the order must survive too
        assertThat(loaded.apiModels().keySet())
                .containsExactlyElementsOf(parsed.apiModels().keySet());
        assertThat(loaded.gpus().keySet())
                .containsExactlyElementsOf(parsed.gpus().keySet());
        assertThat(loaded.cloudOffers().keySet())
                .containsExactlyElementsOf(parsed.cloudOffers().keySet());
        assertThat(loaded.openModels().keySet())
                .containsExactlyElementsOf(parsed.openModels().keySet());
    }

    @Test
    void aCopyMadeFromOtherFilesIsNotUsed() {
        assertThat(ShippedCatalogs.prebuilt(ShippedCatalogs.DATA_CLASS, ShippedCatalogs.key()))
                .isPresent();
        assertThat(ShippedCatalogs.prebuilt(ShippedCatalogs.DATA_CLASS, "0000000000000000-4"))
                .isEmpty();
        assertThat(ShippedCatalogs.prebuilt("dev.aichoose.load.NoSuchCopy", ShippedCatalogs.key()))
                .isEmpty();
    }

    @Test
    void aJarsOwnCrcsGiveTheKeyOfTheBytesItHolds() throws Exception {
        Map<String, byte[]> files = Map.of(
                "a.yaml", "api_models:\n  - id: x\n".repeat(50).getBytes(StandardCharsets.UTF_8),
                "b.yaml", "gpus: []\n".getBytes(StandardCharsets.UTF_8));
        Path jar = dir.resolve("c.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("a.yaml", "b.yaml")) {
                out.putNextEntry(new JarEntry("pricing/" + name));
                out.write(files.get(name));
                out.closeEntry();
            }
        }
        List<String> names = List.of("a.yaml", "b.yaml");

        assertThat(ShippedCatalogs.key(jar, names)).contains(ShippedCatalogs.key(names, files::get));
        assertThat(ShippedCatalogs.key(jar, List.of("a.yaml", "c.yaml"))).isEmpty();
    }

    @Test
    void theKeyChangesWithAnyByteOfAnyFileAndWithTheFileNames() {
        Map<String, byte[]> files = Map.of(
                "a.yaml",
                "x: 1\n".getBytes(StandardCharsets.UTF_8),
                "b.yaml",
                "y: 2\n".getBytes(StandardCharsets.UTF_8));
        String key = ShippedCatalogs.key(List.of("a.yaml", "b.yaml"), files::get);
        assertThat(ShippedCatalogs.key(
                        List.of("a.yaml", "b.yaml"),
                        n -> n.equals("b.yaml") ? "y: 3\n".getBytes(StandardCharsets.UTF_8) : files.get(n)))
                .isNotEqualTo(key);
        assertThat(ShippedCatalogs.key(List.of("b.yaml", "a.yaml"), files::get)).isNotEqualTo(key);
        assertThat(ShippedCatalogs.key(List.of("a.yaml"), files::get)).isNotEqualTo(key);
    }

    @Test
    void anyCatalogContentComesBackFromTheGeneratedCode() throws Exception {
        // text that a naive Java literal would break: quotes, backslashes, line breaks, non-ASCII, a unicode-escape
        // look-alike
        Files.writeString(dir.resolve("book.yaml"), """
                api_models:
                  - id: "acme/chat \\"quoted\\""
                    provider: acme
                    name: "Ünïcødé 🙂 \\\\u000a \\\\ end"
                    input_usd_per_mtok: 0.000123
                    output_usd_per_mtok: 1e-7
                    as_of: 2026-10-01
                    source: "line one\\nline two\\ttab \\u00e9"
                """, StandardCharsets.UTF_8);
        Catalog catalog = CatalogLoader.parse(List.of(dir));
        assertThat(catalog.apiModels()).containsKey("acme/chat \"quoted\"");

        String source = generatedSource(catalog, "the-key");
        ShippedCatalogs.Data data = compileAndLoad(source);
        assertThat(data.key()).isEqualTo("the-key");
        assertThat(data.catalog()).isEqualTo(catalog);
        assertThat(data.catalog().apiModels().keySet())
                .containsExactlyElementsOf(catalog.apiModels().keySet());
    }

    /**
     * What the build tool writes for a catalog. The tool is in src/build/java, outside the program: the
     * tests reach it on the class path the build gives them (target/build-classes), not at compile time.
     */
    private static String generatedSource(Catalog catalog, String key) throws ReflectiveOperationException {
        Class<?> tool = Class.forName("dev.aichoose.load.ShippedCatalogsSource");
        var source = tool.getDeclaredMethod("source", Catalog.class, String.class);
        source.setAccessible(true);
        return (String) source.invoke(null, catalog, key);
    }

    private ShippedCatalogs.Data compileAndLoad(String source) throws IOException, ReflectiveOperationException {
        Path src = dir.resolve("src/" + ShippedCatalogs.DATA_CLASS.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(
                null,
                null,
                System.err,
                "-encoding",
                "UTF-8",
                "-nowarn",
                "-proc:none",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                src.toString());
        assertThat(rc).as("the generated source compiles").isZero();
        // a loader of its own, so this copy is not the one the build put on the class path
        try (URLClassLoader loader =
                new URLClassLoader(
                        new URL[] {classes.toUri().toURL()}, getClass().getClassLoader()) {
                    @Override
                    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                        if (!name.equals(ShippedCatalogs.DATA_CLASS)) return super.loadClass(name, resolve);
                        synchronized (getClassLoadingLock(name)) {
                            Class<?> c = findLoadedClass(name);
                            return c != null ? c : findClass(name);
                        }
                    }
                }) {
            return (ShippedCatalogs.Data) loader.loadClass(ShippedCatalogs.DATA_CLASS)
                    .getDeclaredConstructor()
                    .newInstance();
        }
    }
}
