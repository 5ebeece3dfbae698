package com.defectradar.detection;

import java.util.List;

/** The detector's settings as the service configures them by default, for tests that run it without Quarkus. */
public final class DetectorDefaults {

    /** {@link DetectionSettings}' defaults; {@code DetectionApiTest} checks that they still are. */
    public static final Detector.Settings SETTINGS = withEarlyLifeWeight(5);

    private DetectorDefaults() {
    }

    /** The defaults with another early-life weight (1: one level for every batch, young or old). */
    public static Detector.Settings withEarlyLifeWeight(double weight) {
        return new Detector.Settings(List.of(14, 28, 56), 3, 2.0, 0.05, 1e-4, 5, 0.01, 0.15, 5000, 1.2, 90, weight);
    }
}
