package io.crmhub.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks rendered manifests against the Kubernetes API types (fabric8 kubernetes-model, including the Prometheus
 * Operator's {@code monitoring.coreos.com/v1} types): every document must be a known kind, and no field may be
 * unknown. fabric8's model keeps unknown fields in {@code additionalProperties} instead of failing, so the whole
 * object graph is walked and every non-empty {@code additionalProperties} is a finding.
 */
final class ManifestValidator {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ManifestValidator() {}

    /** Problems found in a multi-document YAML, each as {@code Kind/name: path: reason}; empty when valid. */
    static List<String> validate(String yaml) {
        List<String> problems = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.isBlank()) {
                continue;
            }
            Object parsed;
            try {
                parsed = SERIALIZATION.unmarshal(doc);
            } catch (RuntimeException e) {
                problems.add("document does not match its API type: " + rootMessage(e));
                continue;
            }
            if (!(parsed instanceof HasMetadata resource)) {
                problems.add("not a Kubernetes object: " + parsed);
                continue;
            }
            String id = resource.getKind() + "/" + resource.getMetadata().getName();
            if (resource instanceof GenericKubernetesResource) {
                problems.add(id + ": unknown kind " + resource.getApiVersion() + " " + resource.getKind());
                continue;
            }
            walk(resource, id + ": ", "", problems);
        }
        return problems;
    }

    private static void walk(Object value, String id, String path, List<String> problems) {
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, id, path + "[" + i++ + "]", problems);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, id, path + "." + k, problems));
        } else if (value instanceof KubernetesResource resource) {
            walkResource(resource, id, path, problems);
        }
    }

    private static void walkResource(KubernetesResource resource, String id, String path, List<String> problems) {
        try {
            for (PropertyDescriptor p : Introspector.getBeanInfo(resource.getClass()).getPropertyDescriptors()) {
                Method getter = p.getReadMethod();
                if (getter == null || getter.getParameterCount() != 0 || p.getName().equals("class")) {
                    continue;
                }
                Object child = getter.invoke(resource);
                if (p.getName().equals("additionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        extra.keySet().forEach(k -> problems.add(id + join(path, String.valueOf(k))
                                + ": unknown field"));
                    }
                } else {
                    walk(child, id, join(path, p.getName()), problems);
                }
            }
        } catch (ReflectiveOperationException | java.beans.IntrospectionException e) {
            problems.add(id + path + ": cannot inspect " + resource.getClass().getSimpleName() + ": " + e);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
