package dev.rocket.cli.codegen;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates, for every {@code @Command} class and every {@code @Mixin} type of the compilation, a class
 * {@code NAME_Spec} in the same package whose {@code of(command)} builds the command's picocli {@code CommandSpec}
 * through picocli's programmatic API: what {@code CommandSpec.forAnnotatedObject} would build by reflection at run
 * time (reading each annotation costs the JDK a proxy class), with the same defaults picocli derives from the
 * annotations (arity, labels, index, types). The fields are read and written through a switch, not reflection.
 * Only the annotation attributes listed in {@link Attributes} are translated; any other fails the build, so that
 * none is silently dropped.
 */
@SupportedAnnotationTypes("picocli.CommandLine.*")
public final class CommandSpecProcessor extends AbstractProcessor {

    static final String COMMAND = "picocli.CommandLine.Command";
    static final String OPTION = "picocli.CommandLine.Option";
    static final String PARAMETERS = "picocli.CommandLine.Parameters";
    static final String MIXIN = "picocli.CommandLine.Mixin";
    static final String SPEC = "picocli.CommandLine.Spec";
    static final String PARENT_COMMAND = "picocli.CommandLine.ParentCommand";
    private static final List<String> FIELD_ANNOTATIONS = List.of(OPTION, PARAMETERS, MIXIN, SPEC, PARENT_COMMAND);

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Set<TypeElement> targets = new LinkedHashSet<>();
        for (TypeElement annotation : annotations) {
            String name = annotation.getQualifiedName().toString();
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (name.equals(COMMAND)) {
                    if (!element.getModifiers().contains(Modifier.ABSTRACT)) targets.add((TypeElement) element);
                } else if (FIELD_ANNOTATIONS.contains(name)) {
                    if (element.getKind() != ElementKind.FIELD) {
                        error(element, "@" + simple(name) + " is supported on fields only (no code is generated for methods)");
                    } else if (name.equals(MIXIN)) {
                        targets.add((TypeElement) processingEnv.getTypeUtils().asElement(element.asType()));
                    }
                } else {
                    error(element, "@" + simple(name) + " is not translated by " + getClass().getSimpleName()
                            + ": teach it the annotation or do without it");
                }
            }
        }
        for (TypeElement target : targets) {
            try {
                generate(target);
            } catch (Unsupported e) {
                error(e.element, e.getMessage());
            }
        }
        return true;
    }

    private void generate(TypeElement target) {
        CommandModel model = new CommandModel(processingEnv, target);
        String source = new SpecSource(model).render();
        try {
            JavaFileObject file = processingEnv.getFiler().createSourceFile(model.packageName() + "." + model.specName(), target);
            try (Writer writer = file.openWriter()) {
                writer.write(source);
            }
        } catch (IOException e) {
            error(target, "cannot write " + model.specName() + ": " + e.getMessage());
        }
    }

    private void error(Element element, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    static String simple(String annotation) {
        return annotation.substring(annotation.lastIndexOf('.') + 1);
    }

    /** An annotation or attribute the generator does not translate; fails the build at the element. */
    static final class Unsupported extends RuntimeException {
        final Element element;

        Unsupported(Element element, String message) {
            super(message);
            this.element = element;
        }
    }

    /** The attributes of each annotation the generator translates. */
    static final class Attributes {
        static final Map<String, Set<String>> SUPPORTED = Map.of(
                COMMAND, Set.of("name", "description", "subcommands", "synopsisSubcommandLabel", "mixinStandardHelpOptions"),
                OPTION, Set.of("names", "description", "paramLabel", "converter", "defaultValue", "fallbackValue",
                        "negatable", "arity", "split", "hidden", "scope", "usageHelp"),
                PARAMETERS, Set.of("index", "arity", "paramLabel", "description"),
                MIXIN, Set.of(),
                SPEC, Set.of(),
                PARENT_COMMAND, Set.of());

        private Attributes() {
        }

        /** The explicitly given attributes of {@code annotation} on {@code element}, by name; fails on one not translated. */
        static Map<String, Object> of(Element element, AnnotationMirror annotation) {
            String type = ((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName().toString();
            Map<String, Object> values = new LinkedHashMap<>();
            annotation.getElementValues().forEach((method, value) -> {
                String name = method.getSimpleName().toString();
                if (!SUPPORTED.get(type).contains(name)) {
                    throw new Unsupported(element, "@" + simple(type) + "(" + name + " = ...) is not translated by"
                            + " CommandSpecProcessor: teach it the attribute (and its comparison in the spec test) or do without it");
                }
                values.put(name, unwrap(value.getValue()));
            });
            return values;
        }

        private static Object unwrap(Object value) {
            if (value instanceof List<?> list) {
                List<Object> result = new ArrayList<>();
                for (Object item : list) result.add(unwrap(((javax.lang.model.element.AnnotationValue) item).getValue()));
                return result;
            }
            return value;
        }

        /** An attribute of array type as a list (Java allows a single value without braces). */
        static List<?> list(Object value) {
            return value instanceof List<?> list ? list : List.of(value);
        }

        static String enumConstant(Object value) {
            return ((VariableElement) value).getSimpleName().toString();
        }

        static TypeMirror type(Object value) {
            return (TypeMirror) value;
        }
    }

    static boolean isBoolean(TypeMirror type) {
        return type.getKind() == TypeKind.BOOLEAN
                || (type instanceof DeclaredType declared && declared.asElement().toString().equals("java.lang.Boolean"));
    }
}
