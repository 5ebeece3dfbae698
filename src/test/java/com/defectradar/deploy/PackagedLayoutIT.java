package com.defectradar.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After `mvn package` (failsafe, in `verify`): every path the Dockerfile copies exists in the packaged service,
 * and everything the service needs at run time is copied.
 */
class PackagedLayoutIT {

    /** What Quarkus' fast-jar puts in target/quarkus-app that the service needs at run time. */
    static final List<String> FAST_JAR = List.of("app", "lib", "quarkus", "quarkus-run.jar");

    @Test
    void theDockerfileCopiesExactlyWhatThePackageHolds() throws IOException {
        Path app = Path.of("target/quarkus-app");
        assertTrue(Files.isRegularFile(app.resolve("quarkus-run.jar")), "run after mvn package");
        for (String source : Manifests.dockerfileSources()) {
            assertTrue(Files.exists(Path.of(source)), "Dockerfile copies " + source + ", which the package does not hold");
        }
        Set<String> packaged = new TreeSet<>();
        try (Stream<Path> entries = Files.list(app)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith("-dependencies.txt")).forEach(packaged::add);
        }
        assertEquals(new TreeSet<>(FAST_JAR), packaged, "the package's run-time entries");
    }
}
