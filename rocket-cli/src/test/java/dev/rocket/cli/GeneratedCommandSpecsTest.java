package dev.rocket.cli;

import dev.rocket.cli.actool.ActoolCommand;
import dev.rocket.cli.rkt.RktCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The command models built by the generated {@code NAME_Spec} classes equal, for every command and subcommand of
 * rkt and actool, those picocli builds by reflection from the same annotations ({@code CommandSpec.forAnnotatedObject}):
 * every option and positional parameter attribute, the mixins, the usage text, and the fields picocli injects.
 */
class GeneratedCommandSpecsTest {

    @Test
    void rktCommandsAreModelledAsByReflection() throws Exception {
        RktCommand generatedRoot = new RktCommand();
        CommandLine generated = new CommandLine(generatedRoot.commandSpec());
        CommandLine reflected = new CommandLine(new RktCommand());
        for (String name : generatedRoot.subcommandNames()) {
            CommandSpec sub = generatedRoot.subcommand(name);
            generated.addSubcommand(name, sub);
            reflected.addSubcommand(name, newInstance(sub.userObject().getClass()));
        }
        assertEquals(generatedRoot.subcommandNames().size(), generated.getSubcommands().size());
        assertSameModel(reflected, generated);
    }

    @Test
    void actoolCommandsAreModelledAsByReflection() throws Exception {
        CommandLine generated = new CommandLine(new ActoolCommand().commandSpec());
        CommandLine reflected = new CommandLine(new ActoolCommand());
        assertFalse(generated.getSubcommands().isEmpty());
        assertSameModel(reflected, generated);
    }

    private static void assertSameModel(CommandLine reflected, CommandLine generated) throws Exception {
        CommandSpec expected = reflected.getCommandSpec();
        CommandSpec actual = generated.getCommandSpec();
        String where = expected.qualifiedName();
        assertEquals(expected.qualifiedName(), actual.qualifiedName());
        assertSame(expected.userObject().getClass(), actual.userObject().getClass(), where);
        assertEquals(describe(expected), describe(actual), where);
        assertEquals(reflected.getUsageMessage(Help.Ansi.OFF), generated.getUsageMessage(Help.Ansi.OFF), where);
        assertEquals(describeArgs(expected.options()), describeArgs(actual.options()), where + " options");
        assertEquals(describeArgs(expected.positionalParameters()), describeArgs(actual.positionalParameters()), where + " positionals");
        assertEquals(expected.mixins().keySet(), actual.mixins().keySet(), where + " mixins");
        for (Map.Entry<String, CommandSpec> mixin : expected.mixins().entrySet()) {
            CommandSpec actualMixin = actual.mixins().get(mixin.getKey());
            assertEquals(describe(mixin.getValue()), describe(actualMixin), where + " mixin " + mixin.getKey());
            assertEquals(describeArgs(mixin.getValue().options()), describeArgs(actualMixin.options()), where + " mixin " + mixin.getKey());
        }
        assertInjected(expected);
        assertInjected(actual);
        for (ArgSpec arg : actual.args()) assertBoundToItsField(actual, arg);
        assertEquals(reflected.getSubcommands().keySet(), generated.getSubcommands().keySet(), where + " subcommands");
        for (String name : reflected.getSubcommands().keySet()) {
            assertSameModel(reflected.getSubcommands().get(name), generated.getSubcommands().get(name));
        }
    }

    /** The fields picocli sets: {@code @Spec} to the model, {@code @ParentCommand} to the parent, {@code @Mixin} to the mixin. */
    private static void assertInjected(CommandSpec spec) throws Exception {
        Object command = spec.userObject();
        for (Class<?> type = command.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                field.setAccessible(true);
                String where = spec.qualifiedName() + " " + field.getName();
                if (field.isAnnotationPresent(CommandLine.Spec.class)) assertSame(spec, field.get(command), where);
                if (field.isAnnotationPresent(CommandLine.ParentCommand.class)) {
                    assertSame(spec.parent().userObject(), field.get(command), where);
                }
                if (field.isAnnotationPresent(CommandLine.Mixin.class)) {
                    assertSame(spec.mixins().get(field.getName()).userObject(), field.get(command), where);
                }
            }
        }
    }

    /**
     * A value set through the generated model lands in the field the model names (picocli's toString of the arg,
     * {@code field TYPE CLASS.NAME}), and reading it back through the model gives it again.
     */
    private static void assertBoundToItsField(CommandSpec spec, ArgSpec arg) throws Exception {
        String where = spec.qualifiedName() + " " + arg;
        String member = arg.toString().substring(arg.toString().lastIndexOf(' ') + 1);
        Class<?> declaring = Class.forName(member.substring(0, member.lastIndexOf('.')));
        Field field = declaring.getDeclaredField(member.substring(member.lastIndexOf('.') + 1));
        field.setAccessible(true);
        Object owner = owner(spec, declaring);
        Object old = arg.getValue();
        assertEquals(old, field.get(owner), where);
        Object sentinel = sentinel(field.getType(), old);
        arg.setValue(sentinel);
        assertEquals(sentinel, field.get(owner), where);
        assertEquals(sentinel, arg.getValue(), where);
        arg.setValue(old);
        assertEquals(old, field.get(owner), where);
    }

    /** The object holding the fields of {@code declaring}: the command, a mixin, or (inherited options) an ancestor's. */
    private static Object owner(CommandSpec spec, Class<?> declaring) {
        for (CommandSpec command = spec; command != null; command = command.parent()) {
            if (declaring.isInstance(command.userObject())) return command.userObject();
            for (CommandSpec mixin : command.mixins().values()) {
                if (declaring.isInstance(mixin.userObject())) return mixin.userObject();
            }
        }
        throw new AssertionError("no " + declaring + " above " + spec.qualifiedName());
    }

    /** A value of {@code type} different from {@code old}. */
    private static Object sentinel(Class<?> type, Object old) {
        if (type == boolean.class) return !(Boolean) old;
        if (type == int.class) return 4242;
        if (type == String.class) return "sentinel";
        if (type == java.nio.file.Path.class) return java.nio.file.Path.of("/sentinel");
        if (type == java.time.Duration.class) return java.time.Duration.ofSeconds(4242);
        if (type == List.class) return new ArrayList<>(List.of("sentinel"));
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[0] == old ? constants[1] : constants[0];
        }
        throw new AssertionError("give the test a value of " + type);
    }

    private static String describe(CommandSpec spec) {
        return String.join("\n",
                "name=" + spec.name(),
                "aliases=" + Arrays.toString(spec.aliases()),
                "description=" + Arrays.toString(spec.usageMessage().description()),
                "synopsisSubcommandLabel=" + spec.usageMessage().synopsisSubcommandLabel(),
                "mixinStandardHelpOptions=" + spec.mixinStandardHelpOptions(),
                "scope=" + spec.scopeType() + " inherited=" + spec.inherited(),
                "exitCodes=" + spec.exitCodeOnSuccess() + "," + spec.exitCodeOnUsageHelp() + "," + spec.exitCodeOnInvalidInput()
                        + "," + spec.exitCodeOnExecutionException(),
                "specElements=" + spec.specElements().size(),
                "parentCommandElements=" + spec.parentCommandElements().size(),
                "mixinElements=" + spec.mixinAnnotatedElements().keySet(),
                "interpolateVariables=" + spec.interpolateVariables(),
                "separator=" + spec.parser().separator());
    }

    private static List<String> describeArgs(List<? extends ArgSpec> args) {
        List<String> result = new ArrayList<>();
        for (ArgSpec arg : args) result.add(describe(arg));
        return result;
    }

    private static String describe(ArgSpec arg) {
        List<String> lines = new ArrayList<>();
        if (arg instanceof OptionSpec option) {
            lines.add("names=" + Arrays.toString(option.names()));
            lines.add("negatable=" + option.negatable() + " fallback=" + option.fallbackValue() + " usageHelp=" + option.usageHelp()
                    + " versionHelp=" + option.versionHelp() + " order=" + option.order());
        } else {
            lines.add("index=" + ((PositionalParamSpec) arg).index());
        }
        lines.add("arity=" + arg.arity() + " unspecified=" + arg.arity().isUnspecified());
        lines.add("type=" + arg.type().getName() + " aux=" + Arrays.toString(arg.auxiliaryTypes()));
        lines.add("default=" + arg.defaultValue() + " defaultString=" + arg.defaultValueString() + " initial="
                + arg.initialValue() + " hasInitial=" + arg.hasInitialValue() + " mapFallback=" + arg.mapFallbackValue());
        lines.add("hidden=" + arg.hidden() + " paramLabel=" + arg.paramLabel() + " hideParamSyntax=" + arg.hideParamSyntax());
        lines.add("description=" + Arrays.toString(arg.description()) + " key=" + arg.descriptionKey());
        lines.add("split=" + arg.splitRegex() + " splitLabel=" + arg.splitRegexSynopsisLabel());
        lines.add("scope=" + arg.scopeType() + " inherited=" + arg.inherited() + " required=" + arg.required());
        lines.add("interactive=" + arg.interactive() + " echo=" + arg.echo() + " prompt=" + arg.prompt());
        lines.add("showDefault=" + arg.showDefaultValue() + " candidates=" + arg.completionCandidates());
        lines.add("converters=" + Arrays.stream(arg.converters()).map(c -> c.getClass().getName()).toList());
        lines.add("consumer=" + arg.parameterConsumer() + " preprocessor=" + arg.preprocessor().getClass().getName());
        lines.add("toString=" + arg);
        lines.add("value=" + arg.getValue());
        return String.join("\n", lines);
    }

    private static Object newInstance(Class<?> type) throws Exception {
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }
}
