package org.openvault.charts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.charts.RenderedChart.map;

/** The Argo CD Applications deploy each namespace's release from main, and the chart matches the build. */
class ArgoCdApplicationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ov", "ov-demo"})
    void applicationSyncsItsReleaseFromMainAutomatically(String release) throws Exception {
        Map<String, Object> app = new Yaml().load(Files.readString(Path.of("argocd", release + ".yaml")));
        assertEquals("argoproj.io/v1alpha1", app.get("apiVersion"));
        assertEquals("Application", app.get("kind"));
        assertEquals(release, map(app, "metadata").get("name"));
        Map<String, Object> source = map(app, "spec", "source");
        assertEquals("main", source.get("targetRevision"));
        assertEquals("charts/openvault", source.get("path"));
        assertEquals(release, map(source, "helm").get("releaseName"));
        List<?> valueFiles = (List<?>) map(source, "helm").get("valueFiles");
        assertEquals(List.of("values-" + release + ".yaml"), valueFiles);
        assertTrue(Files.isRegularFile(RenderedChart.CHART.resolve((String) valueFiles.getFirst())));
        assertEquals(release, map(app, "spec", "destination").get("namespace"));
        Map<String, Object> automated = map(app, "spec", "syncPolicy", "automated");
        assertEquals(true, automated.get("selfHeal"));
        assertTrue(((List<?>) map(app, "spec", "syncPolicy").get("syncOptions")).contains("CreateNamespace=true"));
        // What Argo CD will apply must render with that release name and namespace.
        assertTrue(RenderedChart.render(release, release, (String) valueFiles.getFirst()).objects().size() > 15);
    }

    @Test
    void chartAppVersionIsTheBuildVersionSoImagesAndChartMatch() throws Exception {
        Map<String, Object> chart = new Yaml().load(Files.readString(RenderedChart.CHART.resolve("Chart.yaml")));
        assertEquals(System.getProperty("project.version"), chart.get("appVersion"));
    }
}
