package dev.rocket.cli.codegen;

import dev.rocket.cli.codegen.CommandSpecProcessor.Attributes;
import dev.rocket.cli.codegen.CommandSpecProcessor.Unsupported;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What picocli's reflection would make of one command (or mixin) class: its {@code @Command} attributes, and, in
 * the order picocli visits them (superclass first, then fields in declaration order), its subcommands and
 * annotated fields, with the defaults picocli derives for attributes not given.
 */
final class CommandModel {

    /** What the generated code does, in order. */
    sealed interface Step permits Subcommand, Field {
    }

    /** A subcommand of {@code @Command(subcommands = ...)}. */
    record Subcommand(TypeElement type, String name) implements Step {
    }

    /** An annotated field; {@code description} is how picocli names it (its toString), {@code arg} for options and positional parameters. */
    record Field(int index, String annotation, VariableElement element, TypeElement declaring, String description, Arg arg)
            implements Step {
    }

    /** An option or positional parameter, with every attribute picocli's annotation route would set. */
    record Arg(List<String> names, List<String> description, String paramLabel, String arity, boolean arityUnspecified,
               String index, String type, List<String> auxiliaryTypes, String split, boolean hidden, String defaultValue,
               String fallbackValue, boolean negatable, String scope, boolean usageHelp, String converter) {
    }

    private final ProcessingEnvironment env;
    private final Types types;
    private final Elements elements;
    final TypeElement target;
    String name;
    List<String> description;
    String synopsisSubcommandLabel;
    boolean mixinStandardHelpOptions;
    final List<Step> steps = new ArrayList<>();

    CommandModel(ProcessingEnvironment env, TypeElement target) {
        this.env = env;
        this.types = env.getTypeUtils();
        this.elements = env.getElementUtils();
        this.target = target;
        Deque<TypeElement> hierarchy = new ArrayDeque<>();
        for (TypeElement type = target; type != null && !type.getQualifiedName().contentEquals("java.lang.Object");
             type = (TypeElement) types.asElement(type.getSuperclass())) {
            hierarchy.push(type);
        }
        for (TypeElement type : hierarchy) visit(type);
    }

    String packageName() {
        return elements.getPackageOf(target).getQualifiedName().toString();
    }

    String specName() {
        return target.getSimpleName() + "_Spec";
    }

    boolean isPublic() {
        return target.getModifiers().contains(Modifier.PUBLIC);
    }

    private void visit(TypeElement type) {
        AnnotationMirror command = annotation(type, CommandSpecProcessor.COMMAND);
        if (command != null) {
            Map<String, Object> values = Attributes.of(type, command);
            if (values.containsKey("name")) name = (String) values.get("name");
            if (values.containsKey("description")) description = strings(values.get("description"));
            if (values.containsKey("synopsisSubcommandLabel")) synopsisSubcommandLabel = (String) values.get("synopsisSubcommandLabel");
            if (values.containsKey("mixinStandardHelpOptions")) mixinStandardHelpOptions |= (Boolean) values.get("mixinStandardHelpOptions");
            for (Object sub : Attributes.list(values.getOrDefault("subcommands", List.of()))) {
                TypeElement subType = (TypeElement) types.asElement(Attributes.type(sub));
                AnnotationMirror subCommand = annotation(subType, CommandSpecProcessor.COMMAND);
                Object subName = subCommand == null ? null : Attributes.of(subType, subCommand).get("name");
                if (subName == null) throw new Unsupported(type, "subcommand " + subType + " needs @Command(name = ...)");
                steps.add(new Subcommand(subType, (String) subName));
            }
        }
        for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            for (String kind : List.of(CommandSpecProcessor.OPTION, CommandSpecProcessor.PARAMETERS, CommandSpecProcessor.MIXIN,
                    CommandSpecProcessor.SPEC, CommandSpecProcessor.PARENT_COMMAND)) {
                AnnotationMirror annotation = annotation(field, kind);
                if (annotation == null) continue;
                checkAccessible(field, type);
                Map<String, Object> values = Attributes.of(field, annotation);
                Arg arg = switch (kind) {
                    case CommandSpecProcessor.OPTION -> option(field, values);
                    case CommandSpecProcessor.PARAMETERS -> parameters(field, values);
                    default -> null;
                };
                String toString = kind.equals(CommandSpecProcessor.MIXIN)
                        ? abbreviate("mixin from member " + genericString(field, type))
                        : "field " + abbreviate(genericString(field, type));
                steps.add(new Field(fieldCount(), kind, field, type, toString, arg));
            }
        }
    }

    private int fieldCount() {
        int count = 0;
        for (Step step : steps) if (step instanceof Field) count++;
        return count;
    }

    private void checkAccessible(VariableElement field, TypeElement declaring) {
        Set<Modifier> modifiers = field.getModifiers();
        if (modifiers.contains(Modifier.PRIVATE) || modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.FINAL)) {
            throw new Unsupported(field, "annotated fields must be instance fields, not private nor final: the generated "
                    + target.getSimpleName() + "_Spec reads and writes them");
        }
        boolean samePackage = elements.getPackageOf(declaring).equals(elements.getPackageOf(target));
        if (!samePackage && !modifiers.contains(Modifier.PUBLIC)) {
            throw new Unsupported(field, "annotated fields of a superclass in another package must be public");
        }
    }

    private Arg option(VariableElement field, Map<String, Object> values) {
        TypeMirror type = field.asType();
        List<String> aux = auxiliaryTypes(field);
        String arity;
        boolean unspecified = !values.containsKey("arity");
        if (unspecified) {
            boolean multi = isMultiValue(type);
            boolean zeroArgs = CommandSpecProcessor.isBoolean(type) || (multi && isBooleanName(aux.getFirst()));
            arity = zeroArgs ? "0" : "1";
        } else {
            arity = (String) values.get("arity");
        }
        String label = (String) values.get("paramLabel");
        return new Arg(strings(values.get("names")), strings(values.getOrDefault("description", List.of())),
                label == null || label.isEmpty() ? "<" + field.getSimpleName() + ">" : label.trim(), arity, unspecified, null,
                classLiteral(type), aux, (String) values.getOrDefault("split", ""),
                (Boolean) values.getOrDefault("hidden", false), (String) values.get("defaultValue"),
                (String) values.getOrDefault("fallbackValue", ""), (Boolean) values.getOrDefault("negatable", false),
                values.containsKey("scope") ? Attributes.enumConstant(values.get("scope")) : null,
                (Boolean) values.getOrDefault("usageHelp", false),
                values.containsKey("converter") ? converter(field, values.get("converter")) : null);
    }

    private Arg parameters(VariableElement field, Map<String, Object> values) {
        TypeMirror type = field.asType();
        boolean multi = isMultiValue(type);
        boolean unspecified = !values.containsKey("arity");
        String arity = unspecified ? (multi ? "0..1" : "1") : (String) values.get("arity");
        String index = values.containsKey("index") ? (String) values.get("index") : multi ? "*" : "0+";
        String label = (String) values.get("paramLabel");
        return new Arg(List.of(), strings(values.getOrDefault("description", List.of())),
                label == null || label.isEmpty() ? "<" + field.getSimpleName() + ">" : label.trim(), arity, unspecified, index,
                classLiteral(type), auxiliaryTypes(field), "", false, null, "", false, null, false, null);
    }

    private String converter(VariableElement field, Object value) {
        List<?> converters = Attributes.list(value);
        if (converters.size() != 1) throw new Unsupported(field, "exactly one converter is translated");
        return ((TypeElement) types.asElement(Attributes.type(converters.getFirst()))).getQualifiedName().toString();
    }

    /** picocli's auxiliary types: the element types of a collection or array, else the type itself. */
    private List<String> auxiliaryTypes(VariableElement field) {
        TypeMirror type = field.asType();
        if (type instanceof ArrayType array) return List.of(classLiteral(array.getComponentType()));
        if (isMultiValue(type)) {
            List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
            if (arguments.isEmpty()) throw new Unsupported(field, "give the element type of a collection option");
            List<String> result = new ArrayList<>();
            for (TypeMirror argument : arguments) {
                if (argument.getKind() != TypeKind.DECLARED) throw new Unsupported(field, "only plain element types are translated");
                result.add(classLiteral(argument));
            }
            return result;
        }
        if (type instanceof DeclaredType declared && declared.asElement().toString().equals("java.util.Optional")) {
            throw new Unsupported(field, "Optional options are not translated");
        }
        return List.of(classLiteral(type));
    }

    private boolean isMultiValue(TypeMirror type) {
        if (type instanceof ArrayType array) return array.getComponentType().getKind() != TypeKind.CHAR;
        TypeMirror erased = types.erasure(type);
        return types.isAssignable(erased, types.erasure(elements.getTypeElement("java.util.Collection").asType()))
                || types.isAssignable(erased, types.erasure(elements.getTypeElement("java.util.Map").asType()));
    }

    private static boolean isBooleanName(String classLiteral) {
        return classLiteral.equals("boolean.class") || classLiteral.equals("java.lang.Boolean.class");
    }

    /** The source text of the erased type's class literal. */
    String classLiteral(TypeMirror type) {
        TypeMirror erased = types.erasure(type);
        if (erased instanceof DeclaredType declared) {
            return ((TypeElement) declared.asElement()).getQualifiedName() + ".class";
        }
        return erased + ".class";
    }

    /** {@code java.lang.reflect.Field.toGenericString()} of the field, as picocli names it in its models. */
    private String genericString(VariableElement field, TypeElement declaring) {
        StringBuilder text = new StringBuilder();
        for (Modifier modifier : List.of(Modifier.PUBLIC, Modifier.PROTECTED, Modifier.PRIVATE, Modifier.STATIC,
                Modifier.FINAL, Modifier.TRANSIENT, Modifier.VOLATILE)) {
            if (field.getModifiers().contains(modifier)) text.append(modifier).append(' ');
        }
        return text.append(typeName(field.asType())).append(' ').append(elements.getBinaryName(declaring))
                .append('.').append(field.getSimpleName()).toString();
    }

    /** {@code java.lang.reflect.Type.getTypeName()} of the type. */
    private String typeName(TypeMirror type) {
        if (type instanceof ArrayType array) return typeName(array.getComponentType()) + "[]";
        if (type instanceof DeclaredType declared) {
            String name = elements.getBinaryName((TypeElement) declared.asElement()).toString();
            if (declared.getTypeArguments().isEmpty()) return name;
            List<String> arguments = new ArrayList<>();
            for (TypeMirror argument : declared.getTypeArguments()) arguments.add(typeName(argument));
            return name + "<" + String.join(", ", arguments) + ">";
        }
        return type.toString();
    }

    /** picocli's {@code TypedMember.abbreviate}. */
    private static String abbreviate(String text) {
        return text.replace("private ", "").replace("protected ", "").replace("public ", "").replace("java.lang.", "");
    }

    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        for (Object item : Attributes.list(value)) result.add((String) item);
        return result;
    }

    private AnnotationMirror annotation(Element element, String type) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(type)) return mirror;
        }
        return null;
    }

    ProcessingEnvironment env() {
        return env;
    }
}
