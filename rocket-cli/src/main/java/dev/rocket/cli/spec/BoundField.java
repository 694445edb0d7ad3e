package dev.rocket.cli.spec;

import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.ITypeInfo;

import java.lang.annotation.Annotation;

/**
 * One annotated field of a command object, as the code generated from its picocli annotations (by
 * {@code dev.rocket.cli.codegen.CommandSpecProcessor}) binds it: picocli reads and writes the field through this
 * getter and setter, and injects {@code @ParentCommand} fields through it, without reflection. The generated class
 * of each command reads and writes its fields by number ({@link Fields}).
 */
public final class BoundField implements IGetter, ISetter, IAnnotatedElement {

    /** What the field is annotated with. */
    public enum Kind { OPTION, PARAMETERS, MIXIN, SPEC, PARENT_COMMAND }

    /** A command object's fields, read and written by their number (a switch in the generated class). */
    public interface Fields {
        Object get(int field);

        void set(int field, Object value);
    }

    private final Fields fields;
    private final int index;
    private final Kind kind;
    private final String name;
    private final String toString;

    public BoundField(Fields fields, int index, Kind kind, String name, String toString) {
        this.fields = fields;
        this.index = index;
        this.kind = kind;
        this.name = name;
        this.toString = toString;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
        return (T) fields.get(index);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
        T old = (T) fields.get(index);
        fields.set(index, value);
        return old;
    }

    @Override
    public Object userObject() {
        return this;
    }

    /** No annotation is read at run time: picocli asks only of elements it builds from annotations itself. */
    @Override
    public boolean isAnnotationPresent(Class<? extends Annotation> annotationClass) {
        return false;
    }

    @Override
    public <T extends Annotation> T getAnnotation(Class<T> annotationClass) {
        return null;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getMixinName() {
        return name;
    }

    @Override
    public boolean isArgSpec() {
        return isOption() || isParameter();
    }

    @Override
    public boolean isOption() {
        return kind == Kind.OPTION;
    }

    @Override
    public boolean isParameter() {
        return kind == Kind.PARAMETERS;
    }

    @Override
    public boolean isArgGroup() {
        return false;
    }

    @Override
    public boolean isMixin() {
        return kind == Kind.MIXIN;
    }

    @Override
    public boolean isUnmatched() {
        return false;
    }

    @Override
    public boolean isSpec() {
        return kind == Kind.SPEC;
    }

    @Override
    public boolean isParentCommand() {
        return kind == Kind.PARENT_COMMAND;
    }

    @Override
    public boolean isMultiValue() {
        return false;
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean hasInitialValue() {
        return true;
    }

    @Override
    public boolean isMethodParameter() {
        return false;
    }

    @Override
    public int getMethodParamPosition() {
        return -1;
    }

    @Override
    public IScope scope() {
        return null;
    }

    @Override
    public IGetter getter() {
        return this;
    }

    @Override
    public ISetter setter() {
        return this;
    }

    @Override
    public ITypeInfo getTypeInfo() {
        return null;
    }

    @Override
    public String getToString() {
        return toString;
    }

    @Override
    public String toString() {
        return toString;
    }
}
