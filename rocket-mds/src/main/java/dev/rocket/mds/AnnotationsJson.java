package dev.rocket.mds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.rocket.spec.types.Annotation;
import dev.rocket.spec.types.Annotations;

/** Annotations as ace.md serves them: {@code [{"name": ..., "value": ...}, ...]}. */
final class AnnotationsJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AnnotationsJson() {
    }

    static String write(Annotations annotations) {
        ArrayNode list = JSON.createArrayNode();
        for (Annotation annotation : annotations.list()) {
            list.addObject().put("name", annotation.name().value()).put("value", annotation.value());
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serializes", e);
        }
    }

    /** The image's annotations with the pod's annotations for the app laid over them (pods.md: the pod's win). */
    static Annotations merge(Annotations image, Annotations pod) {
        Annotations merged = image;
        for (Annotation annotation : pod.list()) merged = merged.with(annotation.name(), annotation.value());
        return merged;
    }
}
