package dev.aichoose.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

/**
 * The command line's model as the build read it from the annotations. picocli reads a command's
 * annotations by reflection on every run, which costs more than all the parsing that follows (about
 * 25 ms of a 160 ms start: the JDK generates a proxy class for each annotation type and parses every
 * annotation of every field and method). The build runs that reflection once and writes the model
 * it found as plain Java ({@code CommandModelSource}, a build tool in src/build/java); the annotations stay the one place where an
 * option is declared. {@code CommandModelTest} holds the two models equal, option by option and in
 * the usage text of every command.
 */
interface CommandModel {
    /** The class the build generates; absent when the code runs straight from an IDE's compile. */
    String DATA_CLASS = "dev.aichoose.cli.CommandModelData";

    /** This command's spec, built without reading an annotation; null for a command the model does not hold. */
    CommandSpec spec(Object command);

    /** The build's model, or null when there is none (picocli then reads the annotations). */
    static CommandModel generated() {
        try {
            return Class.forName(DATA_CLASS)
                    .asSubclass(CommandModel.class)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            return null;
        }
    }

    /** How the generated model reads and writes one annotated field: what picocli's field binding does. */
    abstract class Field implements ISetter, IGetter {
        protected abstract Object read();

        protected abstract void write(Object value);

        @Override
        @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // picocli's IGetter declares it so
        public <T> T get() {
            return (T) read();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T old = (T) read();
            write(value);
            return old;
        }
    }
}
