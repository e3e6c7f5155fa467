package org.openvault.charts;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.charts.RenderedChart.map;
import static org.openvault.charts.RenderedChart.name;

/**
 * Without a cluster: every rendered object is checked against the Kubernetes API's own models (client-java), which
 * reject unknown fields and missing required ones, as the API server's strict field validation would.
 */
class KubernetesSchemaTest {

    private static final Gson GSON = new Gson();
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", V1ConfigMap.class),
            Map.entry("v1/Secret", V1Secret.class),
            Map.entry("v1/ServiceAccount", V1ServiceAccount.class),
            Map.entry("v1/Service", V1Service.class),
            Map.entry("v1/Pod", V1Pod.class),
            Map.entry("v1/PersistentVolumeClaim", V1PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", V1Deployment.class),
            Map.entry("apps/v1/StatefulSet", V1StatefulSet.class),
            Map.entry("batch/v1/Job", V1Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class));

    @ParameterizedTest
    @CsvSource({"openvault, default, ''", "ov, ov, values-ov.yaml", "ov-demo, ov-demo, values-ov-demo.yaml"})
    void everyObjectIsValidForTheKubernetesApi(String release, String namespace, String values) throws Exception {
        RenderedChart chart = RenderedChart.render(release, namespace, values.isEmpty() ? null : values,
                Map.of("database.password", "x", "backend.secretEnv.OV_PREVIEW_SECRET", "y", "backend.autoscaling.enabled", true,
                        "backend.serviceAccount.create", true));
        validateAll(chart);
    }

    @Test
    void withACloudNativePgClusterEveryObjectIsValidToo() throws Exception {
        RenderedChart chart = RenderedChart.render("ov-demo", "ov-demo", "values-ov-demo.yaml",
                Map.of("postgresql.enabled", false, "cloudnativepg.enabled", true));
        validateAll(chart);
        assertEquals(1, chart.ofKind("Cluster").size());
    }

    private static void validateAll(RenderedChart chart) throws Exception {
        for (Map<String, Object> object : chart.objects()) {
            String type = object.get("apiVersion") + "/" + object.get("kind");
            if (type.equals("cert-manager.io/v1/Certificate")) {
                assertCertificate(object);
                continue;
            }
            if (type.equals("postgresql.cnpg.io/v1/Cluster")) {
                assertCnpgCluster(object);
                continue;
            }
            Class<?> model = MODELS.get(type);
            assertNotNull(model, "no Kubernetes model for " + type + " (" + name(object) + ")");
            validate(model, GSON.toJsonTree(object), type + " " + name(object));
        }
    }

    @Test
    void theCheckRejectsAMisspelledFieldDeepInsideADeployment() {
        Map<String, Object> container = Map.of("name", "c", "image", "i", "imagePullPolicyy", "Always");
        Map<String, Object> deployment = Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "d"),
                "spec", Map.of("selector", Map.of("matchLabels", Map.of("a", "b")), "template", Map.of(
                        "metadata", Map.of("labels", Map.of("a", "b")),
                        "spec", Map.of("containers", List.of(container)))));
        Exception error = assertThrows(IllegalArgumentException.class,
                () -> validate(V1Deployment.class, GSON.toJsonTree(deployment), "deployment"));
        assertTrue(error.getMessage().contains("imagePullPolicyy"), error::getMessage);
    }

    /** The fields of CloudNativePG's Cluster the chart writes, checked against the operator's API by name. */
    private static void assertCnpgCluster(Map<String, Object> cluster) {
        Map<String, Object> spec = map(cluster, "spec");
        assertTrue(List.of("instances", "imageName", "primaryUpdateStrategy", "bootstrap", "postgresql", "storage",
                "affinity", "resources", "backup").containsAll(spec.keySet()), spec::toString);
        assertTrue(spec.get("instances") instanceof Integer);
        assertEquals(List.of("initdb"), List.copyOf(map(spec, "bootstrap").keySet()));
        assertTrue(List.of("database", "owner").containsAll(map(spec, "bootstrap", "initdb").keySet()));
        assertTrue(List.of("size", "storageClass").containsAll(map(spec, "storage").keySet()));
        assertTrue(List.of("enablePodAntiAffinity", "topologyKey", "podAntiAffinityType")
                .containsAll(map(spec, "affinity").keySet()));
        assertTrue(map(spec, "postgresql", "parameters").values().stream().allMatch(v -> v instanceof String),
                "PostgreSQL parameters are strings");
    }

    private static void assertCertificate(Map<String, Object> certificate) {
        Map<String, Object> spec = map(certificate, "spec");
        assertTrue(spec.keySet().stream().allMatch(List.of("secretName", "dnsNames", "issuerRef")::contains), spec::toString);
        assertEquals(List.of("kind", "name"), List.copyOf(map(spec, "issuerRef").keySet()));
    }

    private static void validate(Class<?> model, JsonElement json, String what) throws Exception {
        Method validate = model.getMethod("validateJsonElement", JsonElement.class);
        try {
            validate.invoke(null, json);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException(what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
