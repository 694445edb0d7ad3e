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
