package com.defectradar.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static com.defectradar.deploy.Manifests.at;
import static com.defectradar.deploy.Manifests.documents;
import static com.defectradar.deploy.Manifests.list;
import static com.defectradar.deploy.Manifests.map;
import static com.defectradar.deploy.Manifests.mapAt;
import static com.defectradar.deploy.Manifests.textAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Parses every file of deploy/ and checks what a typo would break: required fields, selectors that must
 * match labels, names that must refer to something defined, probe paths, field names Kubernetes knows.
 * No cluster and no Docker needed; the packaged layout the Dockerfile copies is checked by PackagedLayoutIT.
 */
class DeployManifestsTest {

    /** Fields of a container spec (Kubernetes core/v1 Container): anything else is a typo Kubernetes would reject. */
    private static final Set<String> CONTAINER_FIELDS = Set.of("name", "image", "imagePullPolicy", "command", "args",
            "workingDir", "ports", "env", "envFrom", "resources", "volumeMounts", "volumeDevices", "livenessProbe",
            "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy",
            "securityContext", "stdin", "stdinOnce", "tty", "resizePolicy", "restartPolicy");
    private static final Set<String> PROBE_FIELDS = Set.of("httpGet", "tcpSocket", "exec", "grpc", "initialDelaySeconds",
            "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold", "terminationGracePeriodSeconds");
    private static final Set<String> HEALTH_PATHS = Set.of("/q/health", "/q/health/ready", "/q/health/live",
            "/q/health/started");

    private record Resource(String file, Map<String, Object> doc) {
        String kind() {
            return String.valueOf(doc.get("kind"));
        }

        String name() {
            return String.valueOf(at(doc, "metadata.name"));
        }
    }

    @Test
    void everyKubernetesManifestParsesAndHasItsRequiredFields() throws IOException {
        List<Resource> resources = kubernetes();
        Set<String> kinds = new TreeSet<>();
        for (Resource r : resources) {
            String where = r.file() + " (" + r.kind() + ")";
            assertTrue(textAt(r.doc(), "apiVersion", where).contains("/") || r.doc().get("apiVersion").equals("v1"), where);
            assertFalse(r.kind().isBlank(), where + ": kind");
            assertTrue(r.name().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), where + ": metadata.name '" + r.name() + "' is not a DNS label");
            kinds.add(r.kind());
        }
        assertEquals(new TreeSet<>(List.of("Cluster", "ConfigMap", "Deployment", "Namespace", "PodDisruptionBudget", "Secret",
                "Service")), kinds);
    }

    @Test
    void theDeploymentRunsTwoProbedReplicasWithResourcesAndDefinedConfiguration() throws IOException {
        List<Resource> resources = kubernetes();
        Resource deployment = one(resources, "Deployment");
        String f = deployment.file();
        Map<String, Object> d = deployment.doc();
        assertEquals("apps/v1", d.get("apiVersion"));
        assertEquals(2, at(d, "spec.replicas"), f + ": two replicas");
        Map<String, Object> selector = mapAt(d, "spec.selector.matchLabels", f);
        Map<String, Object> podLabels = mapAt(d, "spec.template.metadata.labels", f);
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), f + ": selector " + selector + " must match pod labels " + podLabels);

        List<Object> containers = list(at(d, "spec.template.spec.containers"), f + ": containers");
        assertEquals(1, containers.size());
        Map<String, Object> c = map(containers.getFirst(), f + ": container");
        Set<String> unknown = new TreeSet<>(c.keySet());
        unknown.removeAll(CONTAINER_FIELDS);
        assertTrue(unknown.isEmpty(), f + ": unknown container fields " + unknown);
        textAt(c, "image", f);

        Map<String, Integer> ports = new HashMap<>();
        for (Object p : list(c.get("ports"), f + ": ports")) {
            Map<String, Object> port = map(p, f + ": port");
            ports.put(String.valueOf(port.get("name")), (Integer) port.get("containerPort"));
        }
        assertEquals(8080, ports.get("http"), f + ": the service listens on 8080 (QUARKUS_HTTP_PORT in the image)");

        Map<String, String> probes = Map.of("readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");
        for (Map.Entry<String, String> probe : probes.entrySet()) {
            Map<String, Object> p = mapAt(c, probe.getKey(), f);
            Set<String> unknownProbe = new TreeSet<>(p.keySet());
            unknownProbe.removeAll(PROBE_FIELDS);
            assertTrue(unknownProbe.isEmpty(), f + ": unknown " + probe.getKey() + " fields " + unknownProbe);
            assertEquals(probe.getValue(), at(p, "httpGet.path"), f + ": " + probe.getKey());
            assertPortDefined(at(p, "httpGet.port"), ports, f + ": " + probe.getKey());
        }
        if (c.get("startupProbe") != null) {
            assertTrue(HEALTH_PATHS.contains(String.valueOf(at(mapAt(c, "startupProbe", f), "httpGet.path"))), f + ": startupProbe path");
        }

        for (String kind : List.of("requests.cpu", "requests.memory", "limits.memory")) {
            assertNotNull(at(mapAt(c, "resources", f), kind), f + ": resources." + kind);
        }

        Set<String> configMaps = names(resources, "ConfigMap");
        Set<String> secrets = names(resources, "Secret");
        // CloudNativePG creates <cluster>-app with the owner's credentials
        names(resources, "Cluster").forEach(cluster -> secrets.add(cluster + "-app"));
        for (Object e : list(c.get("envFrom"), f + ": envFrom")) {
            Map<String, Object> source = map(e, f + ": envFrom entry");
            if (source.containsKey("configMapRef")) {
                assertTrue(configMaps.contains(textAt(source, "configMapRef.name", f)), f + ": envFrom " + source + " names no ConfigMap");
            } else {
                assertTrue(secrets.contains(textAt(source, "secretRef.name", f)), f + ": envFrom " + source + " names no Secret");
            }
        }
        for (Object e : list(c.get("env"), f + ": env")) {
            Map<String, Object> variable = map(e, f + ": env entry");
            assertTrue(String.valueOf(variable.get("name")).matches("[A-Z_][A-Z0-9_]*"), f + ": env name " + variable.get("name"));
            Object secretName = at(variable, "valueFrom.secretKeyRef.name");
            if (secretName != null) {
                assertTrue(secrets.contains(String.valueOf(secretName)), f + ": " + variable + " names no Secret");
            }
        }
    }

    @Test
    void serviceDisruptionBudgetAndDatabaseFitTheDeployment() throws IOException {
        List<Resource> resources = kubernetes();
        Resource deployment = one(resources, "Deployment");
        Map<String, Object> podLabels = mapAt(deployment.doc(), "spec.template.metadata.labels", deployment.file());
        Map<String, Object> container = map(list(at(deployment.doc(), "spec.template.spec.containers"), "containers").getFirst(), "container");
        Set<String> portNames = new HashSet<>();
        list(container.get("ports"), "ports").forEach(p -> portNames.add(String.valueOf(map(p, "port").get("name"))));

        Resource service = one(resources, "Service");
        Map<String, Object> serviceSelector = mapAt(service.doc(), "spec.selector", service.file());
        assertTrue(podLabels.entrySet().containsAll(serviceSelector.entrySet()), service.file() + ": selector matches no pod");
        for (Object p : list(at(service.doc(), "spec.ports"), service.file() + ": ports")) {
            Object target = map(p, "service port").get("targetPort");
            assertTrue(portNames.contains(String.valueOf(target)) || Integer.valueOf(8080).equals(target),
                    service.file() + ": targetPort " + target + " is not a container port");
        }

        Resource pdb = one(resources, "PodDisruptionBudget");
        assertEquals("policy/v1", pdb.doc().get("apiVersion"));
        Map<String, Object> pdbSelector = mapAt(pdb.doc(), "spec.selector.matchLabels", pdb.file());
        assertTrue(podLabels.entrySet().containsAll(pdbSelector.entrySet()), pdb.file() + ": selector matches no pod");
        Object minAvailable = at(pdb.doc(), "spec.minAvailable");
        assertTrue(minAvailable instanceof Integer n && n >= 1 && n < (Integer) at(deployment.doc(), "spec.replicas"),
                pdb.file() + ": minAvailable must leave room for one disruption");

        Resource cluster = one(resources, "Cluster");
        assertEquals("postgresql.cnpg.io/v1", cluster.doc().get("apiVersion"));
        assertTrue((Integer) at(cluster.doc(), "spec.instances") >= 1, cluster.file() + ": spec.instances");
        assertTrue(textAt(cluster.doc(), "spec.imageName", cluster.file()).contains("postgresql:17"), cluster.file() + ": PostgreSQL 17");
        textAt(cluster.doc(), "spec.storage.size", cluster.file());
        String database = textAt(cluster.doc(), "spec.bootstrap.initdb.database", cluster.file());

        Resource config = one(resources, "ConfigMap");
        String url = textAt(config.doc(), "data.QUARKUS_DATASOURCE_JDBC_URL", config.file());
        assertEquals("jdbc:postgresql://" + cluster.name() + "-rw:5432/" + database, url,
                config.file() + ": the JDBC URL must name the cluster's read-write service and database");
        for (Object value : mapAt(config.doc(), "data", config.file()).values()) {
            assertTrue(value instanceof String, config.file() + ": ConfigMap values must be strings (quote numbers): " + value);
        }
        Resource secret = one(resources, "Secret");
        assertNotNull(at(secret.doc(), "stringData.RADAR_AUTH_BOOTSTRAP_KEYS"), secret.file());

        Resource namespace = one(resources, "Namespace");
        Map<String, Object> kustomization = documents(Manifests.KUBERNETES.resolve("kustomization.yaml")).getFirst();
        assertEquals(namespace.name(), kustomization.get("namespace"));
    }

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        Map<String, Object> kustomization = documents(Manifests.KUBERNETES.resolve("kustomization.yaml")).getFirst();
        Set<String> listed = new TreeSet<>();
        list(kustomization.get("resources"), "resources").forEach(r -> listed.add(String.valueOf(r)));
        assertEquals(new TreeSet<>(manifestFiles().stream().map(p -> p.getFileName().toString()).toList()), listed);
    }

    @Test
    void composeRunsPostgres17TwoInstancesAndAMailCatcher() {
        Path file = Manifests.DEPLOY.resolve("docker-compose.yml");
        Map<String, Object> compose = documents(file).getFirst();
        Map<String, Object> services = mapAt(compose, "services", file.toString());
        assertTrue(textAt(services, "postgres.image", "postgres").startsWith("postgres:17"));
        assertTrue(services.values().stream().anyMatch(s -> String.valueOf(map(s, "service").get("image")).contains("mailpit")
                || String.valueOf(map(s, "service").get("image")).contains("mailhog")), "an SMTP catcher");

        List<String> radars = services.keySet().stream().filter(name -> name.startsWith("radar")).toList();
        assertEquals(2, radars.size(), "two service instances: " + services.keySet());
        Set<String> hostPorts = new HashSet<>();
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            Object ports = map(entry.getValue(), entry.getKey()).get("ports");
            if (ports != null) {
                list(ports, entry.getKey() + ".ports").forEach(p -> assertTrue(hostPorts.add(String.valueOf(p).split(":")[0]),
                        "host port " + p + " published twice"));
            }
        }
        for (String radar : radars) {
            Map<String, Object> service = map(services.get(radar), radar);
            Path dockerfile = file.getParent().resolve(textAt(service, "build.context", radar))
                    .resolve(textAt(service, "build.dockerfile", radar)).normalize();
            assertTrue(Files.isRegularFile(dockerfile), radar + ": build.dockerfile " + dockerfile + " does not exist");
            Map<String, Object> env = mapAt(service, "environment", radar);
            String url = String.valueOf(env.get("QUARKUS_DATASOURCE_JDBC_URL"));
            String host = url.replaceFirst("^jdbc:postgresql://([^:/]+).*$", "$1");
            assertTrue(services.containsKey(host), radar + ": JDBC URL host '" + host + "' is no service");
            assertEquals(at(services, "postgres.environment.POSTGRES_PASSWORD"), env.get("QUARKUS_DATASOURCE_PASSWORD"), radar);
            assertTrue(services.containsKey(String.valueOf(env.get("QUARKUS_MAILER_HOST"))), radar + ": SMTP host is no service");
            mapAt(service, "depends_on", radar).keySet().forEach(dependency ->
                    assertTrue(services.containsKey(dependency), radar + " depends on unknown " + dependency));
        }
    }

    @Test
    void theDockerfileCopiesTheWholeFastJarLayoutAndNothingElse() throws IOException {
        List<String> sources = Manifests.dockerfileSources();
        Set<String> copied = new TreeSet<>();
        for (String source : sources) {
            String path = source.replaceFirst("/$", "");
            if (path.startsWith("target/quarkus-app/")) {
                copied.add(path.substring("target/quarkus-app/".length()));
            } else {
                assertTrue(Files.exists(Path.of(path)), "Dockerfile copies " + source + ", which does not exist");
            }
        }
        // Quarkus' fast-jar layout; PackagedLayoutIT checks it against a real package after `mvn package`
        assertEquals(new TreeSet<>(PackagedLayoutIT.FAST_JAR), copied);
        String ignore = Files.readString(Manifests.DEPLOY.resolve("Dockerfile.dockerignore"));
        assertTrue(ignore.contains("!target/quarkus-app/"), "the build context must keep target/quarkus-app");
        String dockerfile = Files.readString(Manifests.DOCKERFILE);
        assertTrue(dockerfile.contains("EXPOSE 8080") && dockerfile.contains("USER 10001"), "port and non-root user");
        Map<String, Object> deployment = documents(Manifests.KUBERNETES.resolve("deployment.yaml")).getFirst();
        assertEquals(10001, at(deployment, "spec.template.spec.securityContext.runAsUser"), "the image's user");
    }

    private static void assertPortDefined(Object port, Map<String, Integer> ports, String where) {
        assertTrue(ports.containsKey(String.valueOf(port)) || ports.containsValue(port), where + ": port " + port + " is not a container port");
    }

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(Manifests.KUBERNETES)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.getFileName().toString().startsWith("kustomization")).sorted().toList();
        }
    }

    private static List<Resource> kubernetes() throws IOException {
        List<Resource> resources = new ArrayList<>();
        for (Path file : manifestFiles()) {
            List<Map<String, Object>> docs = documents(file);
            assertFalse(docs.isEmpty(), file + " is empty");
            docs.forEach(doc -> resources.add(new Resource(file.toString(), doc)));
        }
        return resources;
    }

    private static Resource one(List<Resource> resources, String kind) {
        List<Resource> found = resources.stream().filter(r -> r.kind().equals(kind)).toList();
        if (found.size() != 1) {
            fail("expected one " + kind + ", found " + found.size());
        }
        return found.getFirst();
    }

    private static Set<String> names(List<Resource> resources, String kind) {
        Set<String> names = new HashSet<>();
        resources.stream().filter(r -> r.kind().equals(kind)).forEach(r -> names.add(r.name()));
        return names;
    }
}
