package com.defectradar.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Reads deploy/: YAML documents as plain maps (SnakeYAML, merge keys resolved), the Dockerfile's COPY sources. */
final class Manifests {

    static final Path DEPLOY = Path.of("deploy");
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    static final Path DOCKERFILE = DEPLOY.resolve("Dockerfile");

    private Manifests() {
    }

    /** Every YAML document in a file; a syntax error fails with SnakeYAML's line and column. */
    static List<Map<String, Object>> documents(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> documents = new ArrayList<>();
        try {
            for (Object document : yaml.loadAll(Files.readString(file))) {
                if (document != null) {
                    documents.add(map(document, file.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        assertNotNull(value, what + " is missing");
        return assertInstanceOf(Map.class, value, what + " must be a mapping");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        assertNotNull(value, what + " is missing");
        return assertInstanceOf(List.class, value, what + " must be a list");
    }

    /** The value at a dotted path, e.g. "spec.template.metadata.labels"; null when any step is absent. */
    static Object at(Map<String, Object> root, String path) {
        Object current = root;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(step);
        }
        return current;
    }

    static Map<String, Object> mapAt(Map<String, Object> root, String path, String file) {
        return map(at(root, path), file + ": " + path);
    }

    static String textAt(Map<String, Object> root, String path, String file) {
        Object value = at(root, path);
        assertNotNull(value, file + ": " + path + " is missing");
        return String.valueOf(value);
    }

    private static final Pattern COPY = Pattern.compile("^(?:COPY|ADD)\\s+(?:--\\S+\\s+)*(.+?)\\s+(\\S+)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    /** The source paths of every COPY/ADD instruction, relative to the build context (the repository root). */
    static List<String> dockerfileSources() throws IOException {
        List<String> sources = new ArrayList<>();
        Matcher m = COPY.matcher(Files.readString(DOCKERFILE));
        while (m.find()) {
            for (String source : m.group(1).split("\\s+")) {
                sources.add(source);
            }
        }
        return sources;
    }
}
