package org.openvault.charts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.charts.RenderedChart.containers;
import static org.openvault.charts.RenderedChart.env;
import static org.openvault.charts.RenderedChart.list;
import static org.openvault.charts.RenderedChart.map;
import static org.openvault.charts.RenderedChart.name;
import static org.openvault.charts.RenderedChart.podSpec;
import static org.openvault.charts.RenderedChart.strings;

/** charts/openvault rendered by real Helm (helm-java) with its default, production (ov) and demo (ov-demo) values. */
class OpenVaultChartTest {

    private static final List<String> WORKLOADS = List.of("Deployment", "StatefulSet", "Job", "Pod");

    /** The managed database, its server certificate checked against the CA bundle the operator put in a ConfigMap. */
    private static final String PRODUCTION_DB_URL = "jdbc:postgresql://openvault-db.wgbh-mla.org:5432/openvault"
            + "?sslmode=verify-full&sslrootcert=/etc/openvault/database-ca/ca.crt";
    /** ConfigMaps that values files name but the operator creates (never the chart). */
    private static final Set<String> OPERATORS_CONFIG_MAPS = Set.of("rds-ca-bundle");

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = RenderedChart.HELM.lint().strict().call();
        assertFalse(lint.isFailed(), () -> String.join("\n", lint.getMessages()));
    }

    /** Each row: release, namespace, values file ("" = the chart's defaults). */
    @ParameterizedTest
    @CsvSource({"openvault, default, ''", "ov, ov, values-ov.yaml", "ov-demo, ov-demo, values-ov-demo.yaml"})
    void everyObjectCarriesTheStandardLabelsAndItsReleaseNamespace(String release, String namespace, String values) {
        RenderedChart chart = RenderedChart.render(release, namespace, values.isEmpty() ? null : values);
        assertTrue(chart.objects().size() > 15, () -> chart.names().toString());
        for (Map<String, Object> object : chart.objects()) {
            Map<String, Object> metadata = map(object, "metadata");
            assertEquals(namespace, metadata.get("namespace"), name(object));
            assertTrue(name(object).startsWith(release + "-"), name(object));
            Map<String, String> labels = strings(object, "metadata", "labels");
            assertEquals("openvault", labels.get("app.kubernetes.io/name"), name(object));
            assertEquals(release, labels.get("app.kubernetes.io/instance"), name(object));
            assertEquals("Helm", labels.get("app.kubernetes.io/managed-by"), name(object));
            assertEquals("openvault", labels.get("app.kubernetes.io/part-of"), name(object));
            assertNotNull(labels.get("app.kubernetes.io/component"), name(object));
            assertNotNull(labels.get("app.kubernetes.io/version"), name(object));
            assertTrue(labels.get("helm.sh/chart").startsWith("openvault-"), name(object));
        }
    }

    @ParameterizedTest
    @CsvSource({"openvault, default, ''", "ov, ov, values-ov.yaml", "ov-demo, ov-demo, values-ov-demo.yaml"})
    void everyPodRunsNonRootOnAReadOnlyRootWithAWritableTmpAndResourceLimits(String release, String namespace,
                                                                             String values) {
        RenderedChart chart = RenderedChart.render(release, namespace, values.isEmpty() ? null : values);
        for (String kind : WORKLOADS) {
            for (Map<String, Object> workload : chart.ofKind(kind)) {
                Map<String, Object> pod = podSpec(workload);
                assertEquals(true, map(pod, "securityContext").get("runAsNonRoot"), name(workload));
                assertEquals(false, pod.get("automountServiceAccountToken"), name(workload));
                Set<String> emptyDirs = new HashSet<>();
                list(pod, "volumes").stream().filter(v -> v.containsKey("emptyDir"))
                        .forEach(v -> emptyDirs.add((String) v.get("name")));
                for (Map<String, Object> container : containers(pod)) {
                    String where = name(workload) + "/" + container.get("name");
                    Map<String, Object> security = map(container, "securityContext");
                    assertEquals(true, security.get("readOnlyRootFilesystem"), where);
                    assertEquals(false, security.get("allowPrivilegeEscalation"), where);
                    assertEquals(List.of("ALL"), map(container, "securityContext", "capabilities").get("drop"), where);
                    assertFalse(map(container, "resources", "limits").isEmpty(), where);
                    assertFalse(map(container, "resources", "requests").isEmpty(), where);
                    assertTrue(list(container, "volumeMounts").stream().anyMatch(m -> "/tmp".equals(m.get("mountPath"))
                            && emptyDirs.contains((String) m.get("name"))), where + " has no emptyDir at /tmp");
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"openvault, default, ''", "ov, ov, values-ov.yaml", "ov-demo, ov-demo, values-ov-demo.yaml"})
    void servicesHaveStartupLivenessAndReadinessProbesOnTheirHealthEndpoints(String release, String namespace,
                                                                            String values) {
        RenderedChart chart = RenderedChart.render(release, namespace, values.isEmpty() ? null : values);
        Map<String, Object> backend = containers(podSpec(chart.get("Deployment", "backend"))).getFirst();
        assertEquals("/api/v2/health/", map(backend, "livenessProbe", "httpGet").get("path"));
        assertEquals("/api/v2/health/", map(backend, "startupProbe", "httpGet").get("path"));
        assertEquals("/observe/health/ready", map(backend, "readinessProbe", "httpGet").get("path"));
        Map<String, Object> frontend = containers(podSpec(chart.get("Deployment", "frontend"))).getFirst();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals("/health", map(frontend, probe, "httpGet").get("path"));
        }
        Map<String, Object> proxy = containers(podSpec(chart.get("Deployment", "proxy"))).getFirst();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals(Map.of("path", "/ping", "port", "internal"), map(proxy, probe, "httpGet"));
        }
        assertTrue(list(proxy, "ports").contains(Map.of("name", "internal", "containerPort", 8082, "protocol", "TCP")));
    }

    /** What a cluster would reject or leave broken, checked without one: every name an object uses resolves. */
    @ParameterizedTest
    @CsvSource({"openvault, default, ''", "ov, ov, values-ov.yaml", "ov-demo, ov-demo, values-ov-demo.yaml"})
    void everyReferenceBetweenObjectsResolves(String release, String namespace, String values) {
        RenderedChart chart = RenderedChart.render(release, namespace, values.isEmpty() ? null : values);
        Set<String> configMaps = new HashSet<>(chart.ofKind("ConfigMap").stream().map(RenderedChart::name).toList());
        configMaps.addAll(OPERATORS_CONFIG_MAPS);
        Set<String> claims = new HashSet<>(chart.ofKind("PersistentVolumeClaim").stream().map(RenderedChart::name).toList());
        for (String kind : WORKLOADS) {
            for (Map<String, Object> workload : chart.ofKind(kind)) {
                Map<String, Object> pod = podSpec(workload);
                Set<String> volumes = new HashSet<>();
                if ("StatefulSet".equals(kind)) {
                    list(map(workload, "spec"), "volumeClaimTemplates").forEach(t -> volumes.add(name(t)));
                }
                for (Map<String, Object> volume : list(pod, "volumes")) {
                    volumes.add((String) volume.get("name"));
                    if (volume.containsKey("configMap")) {
                        assertTrue(configMaps.contains(map(volume, "configMap").get("name")), name(workload));
                    }
                    if (volume.containsKey("persistentVolumeClaim")) {
                        assertTrue(claims.contains(map(volume, "persistentVolumeClaim").get("claimName")), name(workload));
                    }
                }
                for (Map<String, Object> container : containers(pod)) {
                    String where = name(workload) + "/" + container.get("name");
                    list(container, "volumeMounts").forEach(m -> assertTrue(volumes.contains(m.get("name")), where));
                    Set<Object> portNames = new HashSet<>();
                    if (container.containsKey("ports")) {
                        list(container, "ports").forEach(p -> portNames.add(p.get("name")));
                        portNames.forEach(n -> assertTrue(((String) n).length() <= 15, where + " port name " + n));
                    }
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        if (container.containsKey(probe)) {
                            Map<String, Object> action = map(container, probe);
                            Object port = action.containsKey("httpGet") ? map(action, "httpGet").get("port")
                                    : action.containsKey("tcpSocket") ? map(action, "tcpSocket").get("port") : null;
                            assertTrue(port == null || port instanceof Integer || portNames.contains(port), where + " " + probe);
                        }
                    }
                    if (container.containsKey("envFrom")) {
                        for (Map<String, Object> source : list(container, "envFrom")) {
                            if (source.containsKey("configMapRef")) {
                                assertTrue(configMaps.contains(map(source, "configMapRef").get("name")), where);
                            }
                        }
                    }
                }
            }
        }
        for (Map<String, Object> service : chart.ofKind("Service")) {
            Map<String, Object> selector = map(service, "spec", "selector");
            Map<String, Object> pods = chart.objects().stream()
                    .filter(o -> List.of("Deployment", "StatefulSet").contains(o.get("kind")))
                    .filter(o -> strings(o, "spec", "template", "metadata", "labels").entrySet().containsAll(selector.entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError(name(service) + " selects no workload"));
            Set<Object> portNames = new HashSet<>();
            // Only the long-running containers serve; init containers (the demo's demo-media) have no ports.
            list(podSpec(pods), "containers").forEach(c -> list(c, "ports").forEach(p -> portNames.add(p.get("name"))));
            for (Map<String, Object> port : list(map(service, "spec"), "ports")) {
                assertTrue(portNames.contains(port.get("targetPort")), name(service) + " targets " + port.get("targetPort"));
            }
        }
        for (Map<String, Object> autoscaler : chart.ofKind("HorizontalPodAutoscaler")) {
            String target = (String) map(autoscaler, "spec", "scaleTargetRef").get("name");
            assertTrue(chart.ofKind("Deployment").stream().anyMatch(d -> target.equals(name(d))), target);
        }
    }

    @Test
    void servicesWireTheStackByReleaseNames() {
        RenderedChart chart = RenderedChart.render("ov", "ov", "values-ov.yaml");
        assertEquals("http://ov-backend:8000", strings(chart.get("ConfigMap", "frontend"), "data").get("OV_API_URL"));
        Map<String, String> backend = strings(chart.get("ConfigMap", "backend"), "data");
        assertEquals(PRODUCTION_DB_URL, backend.get("OV_DB_URL"));
        assertEquals("app", backend.get("OV_DB_USER"));
        assertEquals("10", backend.get("OV_DB_POOL_SIZE"));
        Map<String, String> proxy = strings(chart.get("ConfigMap", "proxy"), "data");
        assertEquals("http://ov-frontend:3000", proxy.get("PROXY_SERVICES_FRONTEND_SERVERS"));
        assertEquals("http://ov-backend:8000", proxy.get("PROXY_SERVICES_BACKEND_SERVERS"));
        assertEquals("443", proxy.get("PROXY_MIDDLEWARES_TO_HTTPS_REDIRECT_SCHEME_PORT"));

        Map<String, Object> proxyService = chart.get("Service", "proxy");
        assertEquals("LoadBalancer", map(proxyService, "spec").get("type"));
        List<Map<String, Object>> ports = list(map(proxyService, "spec"), "ports");
        assertEquals(List.of(443, 80), ports.stream().map(p -> p.get("port")).toList());
        assertEquals(List.of("https", "http"), ports.stream().map(p -> p.get("targetPort")).toList());
        assertEquals(8000, list(map(chart.get("Service", "backend"), "spec"), "ports").getFirst().get("port"));
        assertEquals(3000, list(map(chart.get("Service", "frontend"), "spec"), "ports").getFirst().get("port"));
    }

    @Test
    void publicUrlsNameTheSiteHostThatVisitorsOpen() {
        RenderedChart production = RenderedChart.render("ov", "ov", "values-ov.yaml");
        assertPublicUrls(production, "https://openvault.wgbh.org");
        RenderedChart demo = RenderedChart.render("ov-demo", "ov-demo", "values-ov-demo.yaml");
        assertPublicUrls(demo, "https://ov-demo.dev.wgbh-mla.org");
        RenderedChart otherPort = RenderedChart.render("ov", "ov", "values-ov.yaml",
                Map.of("proxy.service.httpsPort", 8443));
        assertPublicUrls(otherPort, "https://openvault.wgbh.org:8443");
    }

    private static void assertPublicUrls(RenderedChart chart, String publicUrl) {
        assertEquals(publicUrl, strings(chart.get("ConfigMap", "frontend"), "data").get("OV_SITE_PUBLIC_URL"),
                "canonical, OpenGraph, sitemap and robots URLs");
        Map<String, String> backend = strings(chart.get("ConfigMap", "backend"), "data");
        assertEquals(publicUrl, backend.get("OV_MEDIA_BASE_URL"), "image URLs");
        assertEquals(publicUrl, backend.get("OV_API_URL"), "detail_url and find redirects");
        assertEquals(publicUrl, backend.get("OV_SITE_URL"), "html_url");
    }

    @Test
    void everyServiceAndBudgetSelectsExactlyThePodsOfOneWorkload() {
        RenderedChart chart = RenderedChart.render("ov-demo", "ov-demo", "values-ov-demo.yaml");
        List<Map<String, Object>> selectors = new ArrayList<>();
        chart.ofKind("Service").forEach(s -> selectors.add(map(s, "spec", "selector")));
        chart.ofKind("PodDisruptionBudget").forEach(p -> selectors.add(map(p, "spec", "selector", "matchLabels")));
        List<Map<String, String>> podLabels = new ArrayList<>();
        for (String kind : List.of("Deployment", "StatefulSet")) {
            for (Map<String, Object> workload : chart.ofKind(kind)) {
                Map<String, String> labels = strings(workload, "spec", "template", "metadata", "labels");
                assertTrue(labels.entrySet().containsAll(strings(workload, "spec", "selector", "matchLabels").entrySet()));
                podLabels.add(labels);
            }
        }
        for (Map<String, Object> selector : selectors) {
            long matching = podLabels.stream().filter(labels -> labels.entrySet().containsAll(selector.entrySet())).count();
            assertEquals(1, matching, "selector " + selector);
        }
    }

    @Test
    void migrationRunsAsAHookBeforeTheNewPodsWithAnExternalDatabase() {
        RenderedChart chart = RenderedChart.render("ov", "ov", "values-ov.yaml");
        Map<String, Object> job = chart.get("Job", "migrate");
        assertEquals("pre-install,pre-upgrade", strings(job, "metadata", "annotations").get("helm.sh/hook"));
        Map<String, Object> container = containers(podSpec(job)).getFirst();
        assertEquals("ghcr.io/openvault/openvault-migrate:0.1.0-SNAPSHOT", container.get("image"));
        assertEquals(PRODUCTION_DB_URL, env(container, "OV_DB_URL"));
        Map<String, Object> password = map(list(container, "env").stream()
                .filter(e -> "OV_DB_PASSWORD".equals(e.get("name"))).findFirst().orElseThrow(), "valueFrom", "secretKeyRef");
        assertEquals(Map.of("name", "ov-backend-secret", "key", "OV_DB_PASSWORD"), password);
        assertFalse(chart.has("Job", "demo"), "production loads no demo content");
        assertFalse(chart.has("StatefulSet", "postgresql"), "production uses the external database");
    }

    @Test
    void withTheInClusterDatabaseMigrationWaitsForItAfterInstallAndDemoContentFollows() {
        RenderedChart chart = RenderedChart.render("ov-demo", "ov-demo", "values-ov-demo.yaml");
        Map<String, Object> migrate = chart.get("Job", "migrate");
        assertEquals("post-install,pre-upgrade", strings(migrate, "metadata", "annotations").get("helm.sh/hook"));
        assertEquals("wait-for-database", list(podSpec(migrate), "initContainers").getFirst().get("name"));
        Map<String, Object> demo = chart.get("Job", "demo");
        assertEquals("post-install,post-upgrade", strings(demo, "metadata", "annotations").get("helm.sh/hook"));
        assertEquals(List.of("--demo"), list(podSpec(demo), "containers").getFirst().get("args"));
        Map<String, Object> postgres = chart.get("StatefulSet", "postgresql");
        assertEquals("postgres:16-alpine", containers(podSpec(postgres)).getFirst().get("image"));
        assertEquals("ov-demo", env(containers(podSpec(postgres)).getFirst(), "POSTGRES_DB"));
        assertFalse(list(map(postgres, "spec"), "volumeClaimTemplates").isEmpty());
        assertEquals("jdbc:postgresql://ov-demo-postgresql:5432/ov-demo",
                strings(chart.get("ConfigMap", "backend"), "data").get("OV_DB_URL"));
        assertEquals("ghcr.io/openvault/openvault-backend:main",
                containers(podSpec(chart.get("Deployment", "backend"))).getFirst().get("image"));
    }

    /**
     * The demo Job records the demo images but cannot write into the backend's media volume (nor into its own
     * read-only root): it draws them under its writable /tmp, and the backend's init container draws the same files
     * (Migrate --demo-files, no database) into the volume the backend serves /media/ from.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "values-ov-demo.yaml | ''",            // the demo release: media on a PersistentVolumeClaim
            "values-ov-demo.yaml | /srv/media",    // another media mountPath
            "''                  | ''"})           // demo.enabled on the defaults: media on an emptyDir
    void theDemoImageFilesAreDrawnIntoTheBackendsMediaVolumeAndTheJobRecordsThemFromItsWritableTmp(String values,
                                                                                                String mountPath) {
        Map<String, Object> sets = new HashMap<>(Map.of("demo.enabled", "true"));
        if (!mountPath.isEmpty()) {
            sets.put("backend.media.mountPath", mountPath);
        }
        RenderedChart chart = RenderedChart.render("ov-demo", "ov-demo", values.isEmpty() ? null : values, sets);
        String mediaRoot = strings(chart.get("ConfigMap", "backend"), "data").get("OV_MEDIA_ROOT");
        assertEquals(mountPath.isEmpty() ? "/var/lib/openvault/media" : mountPath, mediaRoot);

        Map<String, Object> backendPod = podSpec(chart.get("Deployment", "backend"));
        Map<String, Object> backend = list(backendPod, "containers").getFirst();
        String mediaVolume = (String) list(backend, "volumeMounts").stream()
                .filter(m -> mediaRoot.equals(m.get("mountPath"))).findFirst().orElseThrow().get("name");
        List<Map<String, Object>> inits = list(backendPod, "initContainers");
        assertEquals(List.of("demo-media"), inits.stream().map(c -> c.get("name")).toList());
        Map<String, Object> init = inits.getFirst();
        assertEquals(List.of("--demo-files"), init.get("args"));
        assertEquals(mediaRoot, env(init, "OV_MEDIA_ROOT"));
        assertTrue(list(init, "volumeMounts").stream().anyMatch(m -> mediaVolume.equals(m.get("name"))
                && mediaRoot.equals(m.get("mountPath")) && !Boolean.TRUE.equals(m.get("readOnly"))),
                () -> "the backend's media volume " + mediaVolume + " is not mounted at " + mediaRoot + ": " + init);
        assertFalse(init.containsKey("command"), "the image's own entrypoint (Migrate) runs");

        Map<String, Object> jobPod = podSpec(chart.get("Job", "demo"));
        Map<String, Object> job = list(jobPod, "containers").getFirst();
        assertEquals(List.of("--demo"), job.get("args"));
        assertEquals(job.get("image"), init.get("image"), "the same program draws the files in both");
        assertTrue(((String) init.get("image")).contains("openvault-migrate:"), (String) init.get("image"));
        assertEquals(job.get("imagePullPolicy"), init.get("imagePullPolicy"));
        assertEquals(job.get("securityContext"), init.get("securityContext"));
        assertEquals(job.get("resources"), init.get("resources"));

        String jobMediaRoot = env(job, "OV_MEDIA_ROOT");
        assertNotNull(jobMediaRoot, "without OV_MEDIA_ROOT the Job writes into its read-only root");
        assertEquals(true, map(job, "securityContext").get("readOnlyRootFilesystem"));
        Set<String> emptyDirs = new HashSet<>();
        list(jobPod, "volumes").stream().filter(v -> v.containsKey("emptyDir"))
                .forEach(v -> emptyDirs.add((String) v.get("name")));
        assertTrue(list(job, "volumeMounts").stream().anyMatch(m -> emptyDirs.contains((String) m.get("name"))
                && !Boolean.TRUE.equals(m.get("readOnly"))
                && jobMediaRoot.startsWith(((String) m.get("mountPath")).replaceAll("/$", "") + "/")),
                () -> jobMediaRoot + " is on no writable volume of the demo Job: " + list(job, "volumeMounts"));
    }

    @ParameterizedTest
    @CsvSource({"openvault, default, ''", "ov, ov, values-ov.yaml"})
    void withoutTheDemoTheBackendHasNoDemoMediaInitContainer(String release, String namespace, String values) {
        RenderedChart chart = RenderedChart.render(release, namespace, values.isEmpty() ? null : values);
        Map<String, Object> backendPod = podSpec(chart.get("Deployment", "backend"));
        assertFalse(backendPod.containsKey("initContainers"), () -> "init containers: " + backendPod.get("initContainers"));
        for (Map<String, Object> deployment : chart.ofKind("Deployment")) {
            assertTrue(containers(podSpec(deployment)).stream().noneMatch(c -> "demo-media".equals(c.get("name"))
                    || String.valueOf(c.get("args")).contains("--demo")), name(deployment));
        }
        assertFalse(chart.has("Job", "demo"));
    }

    @ParameterizedTest
    @CsvSource({"openvault, default, ''", "ov, ov, values-ov.yaml", "ov-demo, ov-demo, values-ov-demo.yaml"})
    void noSecretIsRenderedWithoutTheOperatorGivingItsValue(String release, String namespace, String values) {
        RenderedChart chart = RenderedChart.render(release, namespace, values.isEmpty() ? null : values);
        // The one exception: a preview secret the chart makes up itself when no Secret is named for it.
        List<String> expected = values.isEmpty() ? List.of(release + "-preview-secret") : List.of();
        assertEquals(expected, chart.ofKind("Secret").stream().map(RenderedChart::name).toList());
    }

    @Test
    void thePreviewSecretIsGeneratedRandomlyOnceOrTakenFromTheOperatorsSecret() {
        Map<String, String> generated = generatedPreviewSecret(RenderedChart.render("dev", "dev", null));
        String secret = new String(java.util.Base64.getDecoder().decode(generated.get("OV_PREVIEW_SECRET")));
        assertTrue(secret.matches("[A-Za-z0-9]{64}"), secret);
        assertFalse(secret.equals(new String(java.util.Base64.getDecoder().decode(
                generatedPreviewSecret(RenderedChart.render("dev", "dev", null)).get("OV_PREVIEW_SECRET")))),
                "no fixed value: each new install gets its own");
        Map<String, Object> backend = containers(podSpec(RenderedChart.render("dev", "dev", null)
                .get("Deployment", "backend"))).getFirst();
        assertEquals("{secretKeyRef={key=OV_PREVIEW_SECRET, name=dev-preview-secret}}", previewSecretSource(backend));

        RenderedChart production = RenderedChart.render("ov", "ov", "values-ov.yaml");
        assertEquals("true", strings(production.get("ConfigMap", "backend"), "data").get("OV_PRODUCTION"),
                "the backend refuses to start without a preview secret");
        assertEquals("{secretKeyRef={key=OV_PREVIEW_SECRET, name=ov-backend-secret}}",
                previewSecretSource(containers(podSpec(production.get("Deployment", "backend"))).getFirst()));

        RenderedChart throwAway = RenderedChart.render("dev", "dev", null,
                Map.of("backend.secretEnv.OV_PREVIEW_SECRET", "only-for-this-test-0123456789abcdef"));
        assertFalse(throwAway.has("Secret", "preview-secret"));
        assertEquals(null, previewSecretSource(containers(podSpec(throwAway.get("Deployment", "backend"))).getFirst()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> generatedPreviewSecret(RenderedChart chart) {
        Map<String, Object> secret = chart.get("Secret", "preview-secret");
        // Made once, before the pods: an upgrade does not run the hook again.
        assertEquals("pre-install", strings(secret, "metadata", "annotations").get("helm.sh/hook"));
        return (Map<String, String>) (Map<?, ?>) map(secret, "data");
    }

    private static String previewSecretSource(Map<String, Object> container) {
        return list(container, "env").stream().filter(e -> "OV_PREVIEW_SECRET".equals(e.get("name")))
                .map(e -> String.valueOf(e.get("valueFrom"))).findFirst().orElse(null);
    }

    @Test
    void mediaInABucketNeedsNoVolumeAndTakesItsKeysFromASecret() {
        RenderedChart chart = RenderedChart.render("ov", "ov", "values-ov.yaml", Map.of(
                "backend.media.storage", "s3", "backend.media.s3.bucket", "openvault-media",
                "backend.media.s3.endpoint", "https://storage.googleapis.com", "backend.media.s3.pathStyle", true,
                "backend.media.s3.existingSecret", "ov-media-keys"));
        Map<String, String> config = strings(chart.get("ConfigMap", "backend"), "data");
        assertEquals("s3", config.get("OV_MEDIA_STORAGE"));
        assertEquals("openvault-media", config.get("OV_MEDIA_S3_BUCKET"));
        assertEquals("https://storage.googleapis.com", config.get("OV_MEDIA_S3_ENDPOINT"));
        assertEquals("true", config.get("OV_MEDIA_S3_PATH_STYLE"));
        assertEquals("us-east-1", config.get("OV_MEDIA_S3_REGION"));
        assertFalse(config.containsKey("OV_MEDIA_ROOT"));
        Map<String, Object> deployment = chart.get("Deployment", "backend");
        assertEquals("RollingUpdate", strings(deployment, "spec", "strategy").get("type"));
        assertTrue(list(podSpec(deployment), "volumes").stream().noneMatch(v -> "media".equals(v.get("name"))));
        assertFalse(chart.has("PersistentVolumeClaim", "media"));
        Map<String, Object> backend = containers(podSpec(deployment)).getFirst();
        for (String key : List.of("OV_MEDIA_S3_ACCESS_KEY", "OV_MEDIA_S3_SECRET_KEY")) {
            assertTrue(list(backend, "env").stream().anyMatch(e -> key.equals(e.get("name"))
                    && String.valueOf(e.get("valueFrom"))
                            .equals("{secretKeyRef={key=" + key + ", name=ov-media-keys}}")),
                    key);
        }

        Exception noBucket = assertThrows(Exception.class, () -> RenderedChart.render("ov", "ov", "values-ov.yaml",
                Map.of("backend.media.storage", "s3", "backend.media.s3.bucket", "")));
        assertTrue(noBucket.getMessage().contains("backend.media.s3.bucket is required"), noBucket::getMessage);
        Exception demo = assertThrows(Exception.class, () -> RenderedChart.render("ov-demo", "ov-demo",
                "values-ov-demo.yaml", Map.of("backend.media.storage", "s3", "backend.media.s3.bucket", "demo-media")));
        assertTrue(demo.getMessage().contains("needs backend.media.storage=local"), demo::getMessage);
    }

    @Test
    void valuesFilesGiveNoSecretValue() throws Exception {
        Pattern secretKey = Pattern.compile("(?i).*(password|secret|token|key)$");
        for (String file : List.of("values.yaml", "values-ov.yaml", "values-ov-demo.yaml")) {
            Map<String, Object> values = new Yaml().load(Files.readString(RenderedChart.CHART.resolve(file)));
            List<String> given = new ArrayList<>();
            collectSecretLeaves("", values, secretKey, given);
            assertEquals(List.of(), given, file + " gives values to secret keys");
        }
    }

    @SuppressWarnings("unchecked")
    private static void collectSecretLeaves(String path, Object node, Pattern secretKey, List<String> given) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectSecretLeaves(path + "." + k, v, secretKey, given));
        } else if (secretKey.matcher(path).matches() && !path.endsWith("existingSecretKey")
                && !path.endsWith("existingSecret") // the name of a Secret, not its content
                && !(node == null || "".equals(node))) {
            given.add(path + "=" + node);
        } else if (path.endsWith("secretEnv") && node instanceof Map<?, ?> env && !env.isEmpty()) {
            given.add(path);
        }
    }

    @Test
    void aPasswordGivenOnInstallGoesIntoAHookSecretThatExistsBeforeTheMigration() {
        RenderedChart chart = RenderedChart.render("dev", "dev", null,
                Map.of("database.password", "only-for-this-test", "backend.secretEnv.OV_PREVIEW_SECRET", "p"));
        Map<String, Object> secret = chart.get("Secret", "database");
        assertEquals("only-for-this-test", strings(secret, "stringData").get("password"));
        assertEquals("pre-install,pre-upgrade", strings(secret, "metadata", "annotations").get("helm.sh/hook"));
        assertEquals("p", strings(chart.get("Secret", "backend"), "stringData").get("OV_PREVIEW_SECRET"));
        Map<String, Object> migrate = list(podSpec(chart.get("Job", "migrate")), "containers").getFirst();
        assertTrue(list(migrate, "env").stream().anyMatch(e -> e.toString().contains("name=dev-database")));
    }

    @Test
    void certificatesComeFromCertManagerOrASecretAndAreMountedIntoTheProxy() {
        RenderedChart managed = RenderedChart.render("ov", "ov", "values-ov.yaml");
        Map<String, Object> certificate = managed.get("Certificate", "tls");
        assertEquals(List.of("openvault.wgbh.org"), map(certificate, "spec").get("dnsNames"));
        assertEquals("ov-tls", map(certificate, "spec").get("secretName"));
        assertEquals("ClusterIssuer", map(certificate, "spec", "issuerRef").get("kind"));
        assertProxyMountsTls(managed, "ov-tls");

        RenderedChart own = RenderedChart.render("ov", "ov", "values-ov.yaml", Map.of(
                "proxy.tls.existingSecret", "site-certificate"));
        assertFalse(own.has("Certificate", "tls"));
        assertProxyMountsTls(own, "site-certificate");

        RenderedChart none = RenderedChart.render("dev", "dev", null);
        assertFalse(strings(none.get("ConfigMap", "proxy"), "data").containsKey("PROXY_TLS_CERTIFICATE"));
    }

    private static void assertProxyMountsTls(RenderedChart chart, String secretName) {
        Map<String, String> config = strings(chart.get("ConfigMap", "proxy"), "data");
        Map<String, Object> pod = podSpec(chart.get("Deployment", "proxy"));
        Map<String, Object> volume = list(pod, "volumes").stream().filter(v -> "tls".equals(v.get("name"))).findFirst()
                .orElseThrow();
        assertEquals(secretName, map(volume, "secret").get("secretName"));
        String mountPath = (String) list(containers(pod).getFirst(), "volumeMounts").stream()
                .filter(m -> "tls".equals(m.get("name"))).findFirst().orElseThrow().get("mountPath");
        assertEquals(mountPath + "/tls.crt", config.get("PROXY_TLS_CERTIFICATE"));
        assertEquals(mountPath + "/tls.key", config.get("PROXY_TLS_KEY"));
    }

    @Test
    void networkPoliciesLetOnlyProxyToFrontendToBackendToDatabaseThrough() {
        RenderedChart chart = RenderedChart.render("ov-demo", "ov-demo", "values-ov-demo.yaml");
        Map<String, Object> deny = chart.get("NetworkPolicy", "default-deny");
        assertEquals(List.of("Ingress"), map(deny, "spec").get("policyTypes"));
        assertFalse(map(deny, "spec").containsKey("ingress"));
        assertEquals(Set.of("proxy"), allowedFrom(chart, "frontend"));
        assertEquals(Set.of("frontend", "proxy"), allowedFrom(chart, "backend"));
        assertEquals(Set.of("backend", "migrate", "demo"), allowedFrom(chart, "database"));
        Map<String, Object> proxyIngress = list(map(chart.get("NetworkPolicy", "proxy"), "spec"), "ingress").getFirst();
        assertFalse(proxyIngress.containsKey("from"), "anyone may reach the proxy");
    }

    private static Set<String> allowedFrom(RenderedChart chart, String component) {
        Set<String> from = new HashSet<>();
        for (Map<String, Object> rule : list(map(chart.get("NetworkPolicy", component), "spec"), "ingress")) {
            for (Map<String, Object> peer : list(rule, "from")) {
                Map<String, String> labels = strings(peer, "podSelector", "matchLabels");
                assertEquals(chart.release(), labels.get("app.kubernetes.io/instance"));
                from.add(labels.get("app.kubernetes.io/component"));
            }
        }
        return from;
    }

    @Test
    void scalingAddsAutoscalersAndKeepsBudgetsThatCanBeMet() {
        RenderedChart production = RenderedChart.render("ov", "ov", "values-ov.yaml");
        Map<String, Object> hpa = production.get("HorizontalPodAutoscaler", "backend");
        assertEquals("ov-backend", map(hpa, "spec", "scaleTargetRef").get("name"));
        assertFalse(map(production.get("Deployment", "backend"), "spec").containsKey("replicas"),
                "the autoscaler owns the replica count");
        assertTrue(production.has("PodDisruptionBudget", "proxy"));

        RenderedChart demo = RenderedChart.render("ov-demo", "ov-demo", "values-ov-demo.yaml");
        assertTrue(demo.ofKind("PodDisruptionBudget").isEmpty(), "one replica cannot keep minAvailable 1 in a drain");
        assertEquals("Recreate", map(demo.get("Deployment", "backend"), "spec", "strategy").get("type"),
                "a ReadWriteOnce media volume cannot be shared during a rolling update");
        assertEquals("RollingUpdate", map(production.get("Deployment", "backend"), "spec", "strategy").get("type"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void helmTestFetchesTheSiteThroughTheProxy() {
        RenderedChart chart = RenderedChart.render("ov", "ov", "values-ov.yaml");
        Map<String, Object> test = chart.get("Pod", "test-site");
        assertEquals("test", strings(test, "metadata", "annotations").get("helm.sh/hook"));
        String script = String.join(" ", (List<String>) (List<?>) containers(podSpec(test)).getFirst().get("command"));
        assertTrue(script.contains("https://openvault.wgbh.org:$port/"), script);
        assertTrue(script.contains("ov-proxy"), script);
    }

    @Test
    void notesTellWhereTheSiteIsAndWhereThePasswordComesFrom() {
        String output = RenderedChart.HELM.install().withName("ov").withNamespace("ov")
                .withKubeVersion(RenderedChart.KUBE_VERSION).withValuesFile(RenderedChart.CHART.resolve("values-ov.yaml"))
                .dryRun().withDryRunOption(DryRun.CLIENT).clientOnly().call().getOutput();
        String notes = output.substring(output.indexOf("NOTES:"));
        assertTrue(notes.contains("Site:        https://openvault.wgbh.org/"), notes);
        assertTrue(notes.contains("password from Secret ov-backend-secret, key OV_DB_PASSWORD"), notes);
        assertTrue(notes.contains("cert-manager Certificate ov-tls"), notes);
        assertTrue(notes.contains("helm test ov -n ov"), notes);
        assertTrue(notes.contains("Replicas:    backend 2–6 (autoscaled), frontend 2–6 (autoscaled), proxy 2–4 (autoscaled)"), notes);
        assertTrue(notes.contains("database connections: up to 60 from the backends (10 per replica)"), notes);
        assertTrue(notes.contains("(external, sslmode=verify-full)"), notes);
        assertFalse(notes.contains("demo"), notes);
        String demoOutput = RenderedChart.HELM.install().withName("ov-demo").withNamespace("ov-demo")
                .withKubeVersion(RenderedChart.KUBE_VERSION).withValuesFile(RenderedChart.CHART.resolve("values-ov-demo.yaml"))
                .dryRun().withDryRunOption(DryRun.CLIENT).clientOnly().call().getOutput();
        String demoNotes = demoOutput.substring(demoOutput.indexOf("NOTES:"));
        assertTrue(demoNotes.contains("Job ov-demo-demo and the backend's init container demo-media"), demoNotes);
    }

    @Test
    void twoReleasesInTwoNamespacesOrInOneDoNotCollide() {
        for (String[] namespaces : List.of(new String[] {"ov", "ov-demo"}, new String[] {"shared", "shared"})) {
            RenderedChart production = RenderedChart.render("ov", namespaces[0], "values-ov.yaml");
            RenderedChart demo = RenderedChart.render("ov-demo", namespaces[1], "values-ov-demo.yaml");
            Set<String> identities = new HashSet<>();
            for (RenderedChart chart : List.of(production, demo)) {
                for (Map<String, Object> object : chart.objects()) {
                    String identity = object.get("kind") + "/" + map(object, "metadata").get("namespace") + "/" + name(object);
                    assertTrue(identities.add(identity), "both releases render " + identity);
                }
            }
            for (Map<String, Object> service : production.ofKind("Service")) {
                Map<String, Object> selector = map(service, "spec", "selector");
                for (Map<String, Object> deployment : demo.ofKind("Deployment")) {
                    Map<String, String> labels = strings(deployment, "spec", "template", "metadata", "labels");
                    assertFalse(labels.entrySet().containsAll(selector.entrySet()),
                            name(service) + " would select the pods of " + name(deployment));
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "backend.replicas | two",
            "backend.replica | 2",
            "proxy.service.type | Ingress",
            "database.port | 70000",
            "image.pullPolicy | Sometimes",
            "backend.env.NOT-A-NAME | x",
            "backend.media.storage | gcs",
            "backend.media.s3.bucket | Not_A_Bucket",
            "backend.media.s3.endpoint | storage.googleapis.com",
            "backend.production | yes",
            "database.ssl.mode | verify",
            "cloudnativepg.instances | three",
            "backend.drainSeconds | -1",
            "site.host | https://openvault.wgbh.org/"})
    void theSchemaRejectsWrongValues(String key, String value) {
        Exception error = assertThrows(Exception.class,
                () -> RenderedChart.render("ov", "ov", "values-ov.yaml", Map.of(key, value)));
        assertTrue(error.getMessage().contains("values don't meet the specifications of the schema"), error::getMessage);
    }

    @Test
    void productionRunsEveryComponentInTwoOrMoreReplicasSpreadOverNodesAndZonesWithBudgetsAndAutoscalers() {
        RenderedChart chart = RenderedChart.render("ov", "ov", "values-ov.yaml");
        for (String component : List.of("backend", "frontend", "proxy")) {
            Map<String, Object> hpa = map(chart.get("HorizontalPodAutoscaler", component), "spec");
            assertTrue((Integer) hpa.get("minReplicas") >= 2, component + " " + hpa);
            assertEquals(1, map(chart.get("PodDisruptionBudget", component), "spec").get("minAvailable"), component);
            Map<String, Object> deployment = chart.get("Deployment", component);
            Map<String, String> selector = strings(deployment, "spec", "selector", "matchLabels");
            List<Map<String, Object>> spread = list(podSpec(deployment), "topologySpreadConstraints");
            assertEquals(List.of("kubernetes.io/hostname", "topology.kubernetes.io/zone"),
                    spread.stream().map(c -> c.get("topologyKey")).toList(), component);
            for (Map<String, Object> constraint : spread) {
                assertEquals(selector, strings(constraint, "labelSelector", "matchLabels"), component);
                assertEquals(List.of("pod-template-hash"), constraint.get("matchLabelKeys"), component);
                assertEquals("ScheduleAnyway", constraint.get("whenUnsatisfiable"), "a preference never leaves a pod pending");
            }
            // Ten seconds of drain, then up to twenty for requests still being answered.
            assertEquals(30, podSpec(deployment).get("terminationGracePeriodSeconds"), component);
        }
        assertEquals("PT10S", strings(chart.get("ConfigMap", "backend"), "data").get("OV_SHUTDOWN_DRAIN"));
        assertEquals("PT10S", strings(chart.get("ConfigMap", "frontend"), "data").get("OV_SHUTDOWN_DRAIN"));
        assertEquals("10s", strings(chart.get("ConfigMap", "proxy"), "data").get("PROXY_DRAIN"));
        assertEquals("s3", strings(chart.get("ConfigMap", "backend"), "data").get("OV_MEDIA_STORAGE"),
                "replicas share media through the bucket, not a ReadWriteMany volume");
        assertFalse(chart.has("PersistentVolumeClaim", "media"));
    }

    @Test
    void aServiceAccountCarriesTheCloudIdentityForTheBucket() {
        RenderedChart chart = RenderedChart.render("ov", "ov", "values-ov.yaml", Map.of(
                "backend.serviceAccount.create", true,
                "backend.serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", "arn:aws:iam::1:role/media"));
        Map<String, Object> account = chart.get("ServiceAccount", "backend");
        assertEquals("arn:aws:iam::1:role/media", strings(account, "metadata", "annotations").get("eks.amazonaws.com/role-arn"));
        assertEquals(false, account.get("automountServiceAccountToken"));
        assertEquals("ov-backend", podSpec(chart.get("Deployment", "backend")).get("serviceAccountName"));
        assertFalse(podSpec(chart.get("Deployment", "frontend")).containsKey("serviceAccountName"));
        assertFalse(RenderedChart.render("ov", "ov", "values-ov.yaml").has("ServiceAccount", "backend"));
    }

    /** The three databases: the StatefulSet (demo), a CloudNativePG Cluster, an external one with verified TLS. */
    @ParameterizedTest
    @CsvSource({"statefulset", "cloudnativepg", "external"})
    void eachDatabaseModeWiresTheBackendTheMigrationAndTheDemoJob(String mode) {
        Map<String, Object> sets = new java.util.HashMap<>(Map.of("demo.enabled", true));
        String values = "values-ov-demo.yaml";
        String release = "ov-demo";
        String url;
        String secret;
        String key;
        String hook;
        switch (mode) {
            case "statefulset" -> {
                url = "jdbc:postgresql://ov-demo-postgresql:5432/ov-demo";
                secret = "ov-demo-backend-secret";
                key = "OV_DB_PASSWORD";
                hook = "post-install,pre-upgrade";
            }
            case "cloudnativepg" -> {
                sets.putAll(Map.of("postgresql.enabled", false, "cloudnativepg.enabled", true));
                url = "jdbc:postgresql://ov-demo-db-rw:5432/ov-demo";
                secret = "ov-demo-db-app";
                key = "password";
                hook = "post-install,pre-upgrade";
            }
            default -> {
                values = "values-ov.yaml";
                release = "ov";
                sets.put("backend.media.storage", "local");
                url = PRODUCTION_DB_URL;
                secret = "ov-backend-secret";
                key = "OV_DB_PASSWORD";
                hook = "pre-install,pre-upgrade";
            }
        }
        RenderedChart chart = RenderedChart.render(release, release, values, sets);
        assertEquals(url, strings(chart.get("ConfigMap", "backend"), "data").get("OV_DB_URL"), mode);
        assertPassword(containers(podSpec(chart.get("Deployment", "backend"))).getFirst(), secret, key);
        for (String job : List.of("migrate", "demo")) {
            Map<String, Object> pod = podSpec(chart.get("Job", job));
            Map<String, Object> container = containers(pod).getFirst();
            assertEquals(url, env(container, "OV_DB_URL"), mode + " " + job);
            assertPassword(container, secret, key);
            boolean inCluster = !mode.equals("external");
            assertEquals(inCluster, pod.containsKey("initContainers"), mode + " " + job + " waits for an in-cluster database");
            if (inCluster) {
                Map<String, Object> wait = list(pod, "initContainers").getFirst();
                assertEquals(url.substring("jdbc:postgresql://".length(), url.indexOf(':', "jdbc:postgresql://".length())),
                        env(wait, "DB_HOST"), mode);
            } else {
                assertMountsDatabaseCa(pod, container, mode + " " + job);
            }
        }
        assertEquals(hook, strings(chart.get("Job", "migrate"), "metadata", "annotations").get("helm.sh/hook"), mode);
        assertEquals(mode.equals("statefulset"), chart.has("StatefulSet", "postgresql"), mode);
        assertEquals(mode.equals("cloudnativepg"), chart.has("Cluster", "db"), mode);
        if (mode.equals("external")) {
            Map<String, Object> backend = chart.get("Deployment", "backend");
            assertMountsDatabaseCa(podSpec(backend), containers(podSpec(backend)).getFirst(), mode + " backend");
        }
    }

    @Test
    void aCloudNativePgClusterHasThreeInstancesOnSeparateNodesAndItsOwnNetworkPolicy() {
        RenderedChart chart = RenderedChart.render("ov-demo", "ov-demo", "values-ov-demo.yaml",
                Map.of("postgresql.enabled", false, "cloudnativepg.enabled", true, "cloudnativepg.maxConnections", 150));
        Map<String, Object> cluster = chart.get("Cluster", "db");
        assertEquals("postgresql.cnpg.io/v1", cluster.get("apiVersion"));
        Map<String, Object> spec = map(cluster, "spec");
        assertEquals(3, spec.get("instances"));
        assertEquals(Map.of("database", "ov-demo", "owner", "app"), map(spec, "bootstrap", "initdb"));
        assertEquals("150", strings(spec, "postgresql", "parameters").get("max_connections"));
        assertEquals(true, map(spec, "affinity").get("enablePodAntiAffinity"));
        assertEquals("kubernetes.io/hostname", map(spec, "affinity").get("topologyKey"));
        assertFalse(chart.has("Secret", "database"), "the operator makes the owner's password");
        Map<String, Object> policy = map(chart.get("NetworkPolicy", "database"), "spec");
        assertEquals(Map.of("cnpg.io/cluster", "ov-demo-db"), strings(policy, "podSelector", "matchLabels"));
        List<Map<String, Object>> rules = list(policy, "ingress");
        Set<String> apps = new HashSet<>();
        list(rules.get(0), "from").forEach(peer -> apps.add(strings(peer, "podSelector", "matchLabels")
                .get("app.kubernetes.io/component")));
        assertEquals(Set.of("backend", "migrate", "demo"), apps);
        assertEquals("cnpg-system", strings(list(rules.get(1), "from").get(1), "namespaceSelector", "matchLabels")
                .get("kubernetes.io/metadata.name"), "the operator reaches the instances");

        Exception both = assertThrows(Exception.class, () -> RenderedChart.render("ov-demo", "ov-demo",
                "values-ov-demo.yaml", Map.of("cloudnativepg.enabled", true)));
        assertTrue(both.getMessage().contains("choose one"), both::getMessage);
    }

    @Test
    void verifyFullNeedsTheCaBundle() {
        Exception error = assertThrows(Exception.class, () -> RenderedChart.render("ov", "ov", "values-ov.yaml",
                Map.of("database.ssl.rootCertConfigMap", "")));
        assertTrue(error.getMessage().contains("set database.ssl.rootCertConfigMap"), error::getMessage);
        RenderedChart require = RenderedChart.render("ov", "ov", "values-ov.yaml",
                Map.of("database.ssl.mode", "require", "database.ssl.rootCertConfigMap", ""));
        assertEquals("jdbc:postgresql://openvault-db.wgbh-mla.org:5432/openvault?sslmode=require",
                strings(require.get("ConfigMap", "backend"), "data").get("OV_DB_URL"));
    }

    private static void assertPassword(Map<String, Object> container, String secret, String key) {
        Map<String, Object> password = map(list(container, "env").stream()
                .filter(e -> "OV_DB_PASSWORD".equals(e.get("name"))).findFirst().orElseThrow(), "valueFrom", "secretKeyRef");
        assertEquals(Map.of("name", secret, "key", key), password);
    }

    private static void assertMountsDatabaseCa(Map<String, Object> pod, Map<String, Object> container, String where) {
        assertTrue(list(pod, "volumes").stream().anyMatch(v -> "database-ca".equals(v.get("name"))
                && "rds-ca-bundle".equals(map(v, "configMap").get("name"))), where);
        assertTrue(list(container, "volumeMounts").stream().anyMatch(m -> "database-ca".equals(m.get("name"))
                && "/etc/openvault/database-ca".equals(m.get("mountPath"))), where);
    }

    @Test
    void anExternalDatabaseNeedsItsHost() {
        Exception error = assertThrows(Exception.class,
                () -> RenderedChart.render("ov", "ov", null, Map.of("postgresql.enabled", false)));
        assertTrue(error.getMessage().contains("database.host is required"), error::getMessage);
    }
}
