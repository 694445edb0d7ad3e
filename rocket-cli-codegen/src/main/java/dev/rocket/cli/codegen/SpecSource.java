package dev.rocket.cli.codegen;

import dev.rocket.cli.codegen.CommandModel.Arg;
import dev.rocket.cli.codegen.CommandModel.Field;
import dev.rocket.cli.codegen.CommandModel.Step;
import dev.rocket.cli.codegen.CommandModel.Subcommand;

import javax.lang.model.element.TypeElement;
import java.util.List;

/** The Java source of one command's {@code NAME_Spec} class. */
final class SpecSource {

    private static final String BOUND_FIELD = "dev.rocket.cli.spec.BoundField";

    private final CommandModel model;
    private final StringBuilder out = new StringBuilder();

    SpecSource(CommandModel model) {
        this.model = model;
    }

    String render() {
        String command = model.target.getQualifiedName().toString();
        String visibility = model.isPublic() ? "public " : "";
        line("package " + model.packageName() + ";");
        line("");
        line("import picocli.CommandLine;");
        line("import picocli.CommandLine.Model.CommandSpec;");
        line("import picocli.CommandLine.Model.OptionSpec;");
        line("import picocli.CommandLine.Model.PositionalParamSpec;");
        line("import picocli.CommandLine.Range;");
        line("import picocli.CommandLine.ScopeType;");
        line("");
        line("/** The picocli model of {@link " + model.target.getSimpleName() + "}, as its annotations declare it; generated"
                + " by CommandSpecProcessor, so that no annotation is read at run time. */");
        line("@javax.annotation.processing.Generated(\"dev.rocket.cli.codegen.CommandSpecProcessor\")");
        line(visibility + "final class " + model.specName() + " implements " + BOUND_FIELD + ".Fields {");
        line("");
        line("    private final " + command + " command;");
        line("");
        line("    private " + model.specName() + "(" + command + " command) {");
        line("        this.command = command;");
        line("    }");
        line("");
        line("    /** The model of {@code command}, bound to its fields. */");
        line("    " + visibility + "static CommandSpec of(" + command + " command) {");
        line("        " + model.specName() + " fields = new " + model.specName() + "(command);");
        line("        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);");
        if (model.name != null) line("        spec.name(" + literal(model.name) + ");");
        if (model.description != null) line("        spec.usageMessage().description(" + strings(model.description) + ");");
        if (model.synopsisSubcommandLabel != null) {
            line("        spec.usageMessage().synopsisSubcommandLabel(" + literal(model.synopsisSubcommandLabel) + ");");
        }
        for (Step step : model.steps) {
            switch (step) {
                case Subcommand sub -> line("        spec.addSubcommand(" + literal(sub.name()) + ", new CommandLine("
                        + sub.type().getQualifiedName() + "_Spec.of(new " + sub.type().getQualifiedName() + "())));");
                case Field field -> field(field);
            }
        }
        line("        spec.mixinStandardHelpOptions(" + model.mixinStandardHelpOptions + ");");
        line("        return spec;");
        line("    }");
        line("");
        accessors();
        line("}");
        return out.toString();
    }

    private void field(Field field) {
        String bound = "new " + BOUND_FIELD + "(fields, " + field.index() + ", " + BOUND_FIELD + ".Kind."
                + kind(field.annotation()) + ", " + literal(field.element().getSimpleName().toString()) + ", "
                + literal(field.description()) + ")";
        switch (field.annotation()) {
            case CommandSpecProcessor.SPEC -> {
                line("        " + access(field) + " = spec;");
                line("        spec.addSpecElement(" + bound + ");");
            }
            case CommandSpecProcessor.PARENT_COMMAND -> line("        spec.addParentCommandElement(" + bound + ");");
            case CommandSpecProcessor.MIXIN -> {
                TypeElement mixin = (TypeElement) model.env().getTypeUtils().asElement(field.element().asType());
                String type = mixin.getQualifiedName().toString();
                line("        if (" + access(field) + " == null) " + access(field) + " = new " + type + "();");
                line("        spec.addMixin(" + literal(field.element().getSimpleName().toString()) + ", " + type + "_Spec.of("
                        + access(field) + ").withToString(" + literal(field.description()) + "), " + bound + ");");
            }
            case CommandSpecProcessor.OPTION -> arg(field, "spec.addOption(OptionSpec.builder(" + strings(field.arg().names()) + ")");
            default -> arg(field, "spec.addPositional(PositionalParamSpec.builder()");
        }
    }

    private void arg(Field field, String start) {
        Arg arg = field.arg();
        line("        {");
        line("            " + BOUND_FIELD + " field = " + "new " + BOUND_FIELD + "(fields, " + field.index() + ", "
                + BOUND_FIELD + ".Kind." + kind(field.annotation()) + ", "
                + literal(field.element().getSimpleName().toString()) + ", " + literal(field.description()) + ");");
        line("            Range arity = Range.valueOf(" + literal(arg.arity()) + ")" + (arg.arityUnspecified() ? ".unspecified(true)" : "") + ";");
        line("            " + start);
        if (arg.index() != null) {
            line("                    .index(Range.valueOf(" + literal(arg.index()) + "))");
            line("                    .required(arity.min() > 0)");
        }
        line("                    .arity(arity)");
        line("                    .description(" + strings(arg.description()) + ")");
        line("                    .descriptionKey(\"\")");
        line("                    .prompt(\"\")");
        line("                    .paramLabel(" + literal(arg.paramLabel()) + ")");
        line("                    .type(" + arg.type() + ")");
        line("                    .auxiliaryTypes(" + String.join(", ", arg.auxiliaryTypes()) + ")");
        if (!arg.split().isEmpty()) line("                    .splitRegex(" + literal(arg.split()) + ")");
        if (arg.hidden()) line("                    .hidden(true)");
        if (arg.defaultValue() != null) line("                    .defaultValue(" + literal(arg.defaultValue()) + ")");
        if (!arg.fallbackValue().isEmpty()) line("                    .fallbackValue(" + literal(arg.fallbackValue()) + ")");
        if (arg.negatable()) line("                    .negatable(true)");
        if (arg.usageHelp()) line("                    .usageHelp(true)");
        if (arg.scope() != null) line("                    .scopeType(ScopeType." + arg.scope() + ")");
        if (arg.converter() != null) line("                    .converters(new " + arg.converter() + "())");
        line("                    .initialValue(" + access(field) + ")");
        line("                    .getter(field)");
        line("                    .setter(field)");
        line("                    .withToString(" + literal(field.description()) + ")");
        line("                    .build());");
        line("        }");
    }

    /** {@code get(int)} and {@code set(int, Object)}: a switch over the bound fields. */
    private void accessors() {
        List<Field> fields = model.steps.stream().filter(Field.class::isInstance).map(Field.class::cast).toList();
        line("    @Override");
        line("    public Object get(int field) {");
        line("        return switch (field) {");
        for (Field field : fields) line("            case " + field.index() + " -> " + access(field, "command") + ";");
        line("            default -> throw new IllegalArgumentException(\"no field \" + field);");
        line("        };");
        line("    }");
        line("");
        line("    @Override");
        line("    @SuppressWarnings(\"unchecked\")");
        line("    public void set(int field, Object value) {");
        line("        switch (field) {");
        for (Field field : fields) {
            line("            case " + field.index() + " -> " + access(field, "command") + " = (" + boxed(field) + ") value;");
        }
        line("            default -> throw new IllegalArgumentException(\"no field \" + field);");
        line("        }");
        line("    }");
    }

    private String boxed(Field field) {
        var type = field.element().asType();
        if (type.getKind().isPrimitive()) return model.env().getTypeUtils().boxedClass((javax.lang.model.type.PrimitiveType) type).getQualifiedName().toString();
        return type.toString();
    }

    private String access(Field field) {
        return access(field, "command");
    }

    private String access(Field field, String object) {
        if (field.declaring().equals(model.target)) return object + "." + field.element().getSimpleName();
        return "((" + field.declaring().getQualifiedName() + ") " + object + ")." + field.element().getSimpleName();
    }

    private static String kind(String annotation) {
        return switch (annotation) {
            case CommandSpecProcessor.OPTION -> "OPTION";
            case CommandSpecProcessor.PARAMETERS -> "PARAMETERS";
            case CommandSpecProcessor.MIXIN -> "MIXIN";
            case CommandSpecProcessor.SPEC -> "SPEC";
            default -> "PARENT_COMMAND";
        };
    }

    private static String strings(List<String> values) {
        StringBuilder text = new StringBuilder("new String[] {");
        for (int i = 0; i < values.size(); i++) text.append(i == 0 ? "" : ", ").append(literal(values.get(i)));
        return text.append('}').toString();
    }

    static String literal(String value) {
        StringBuilder text = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) text.append(String.format("\\u%04x", (int) c));
                    else text.append(c);
                }
            }
        }
        return text.append('"').toString();
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
