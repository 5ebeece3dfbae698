package com.defectradar.detection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Detection configuration ({@code radar.detection.*}); docs/detection.md explains each default. */
@ConfigMapping(prefix = "radar.detection")
public interface DetectionSettings {

    /** How often every instance fires a scheduled run ("off" disables); read by {@link DetectionSchedule}. */
    @WithDefault("30s")
    String every();

    /** Look-back windows, in days, tried for each signature; the largest bounds the data a run reads. */
    @WithDefault("14,28,56")
    List<Integer> windowsDays();

    /** Fewest distinct units a pattern needs: one car back seven times is one car. */
    @WithDefault("3")
    int minUnits();

    /** Smallest observed/expected ratio that raises an alert. */
    @WithDefault("2.0")
    double minRateRatio();

    /** Benjamini–Hochberg false-discovery rate across the signatures tested in one run. */
    @WithDefault("0.05")
    double falseDiscoveryRate();

    /** Largest adjusted p-value that raises an alert: the per-run share of the monthly false-alarm budget. */
    @WithDefault("1e-4")
    double significance();

    /** p-value factor for each condition chosen from the data (a temperature band). */
    @WithDefault("5")
    double conditionPenalty();

    /**
     * Level the share test (after the same adjustments) must still reach for a registered batch whose
     * exposure test carries the evidence, the batch's life having confirmed its registered size.
     */
    @WithDefault("0.01")
    double shareGuard();

    /**
     * Baseline period before the look-back window: a component's symptom mix over it is what a new firmware
     * version's mix is compared with (a year covers every season once).
     */
    @WithDefault("365d")
    Duration baseline();

    /** DBSCAN neighbourhood radius in Gower distance (0..1). */
    @WithDefault("0.15")
    double clusterRadius();

    /** Most cases clustered in one cell; bounds memory (DBSCAN is quadratic in the worst case). */
    @WithDefault("5000")
    int maxClusterPoints();

    /** A cell's cases are clustered once its rate ratio reaches this. */
    @WithDefault("1.2")
    double clusterScreenRatio();

    /**
     * How long after its production start a registered batch is in its early life, when its signatures get
     * {@link #earlyLifeWeight} times the level: a quarter of service, the infant-mortality period in which a
     * production defect surfaces.
     */
    @WithDefault("90")
    int earlyLifeDays();

    /**
     * Factor on {@link #significance}, and weight in the run's Benjamini–Hochberg, for a batch in its early life:
     * the false-alarm budget spent where early warning matters (docs/detection.md, section 5, with the measured cost).
     */
    @WithDefault("5")
    double earlyLifeWeight();

    /** A scheduled run with no new tickets is skipped unless the last run is older than this. */
    @WithDefault("1h")
    Duration idleRerun();

    default Detector.Settings detector() {
        return new Detector.Settings(windowsDays(), minUnits(), minRateRatio(), falseDiscoveryRate(), significance(),
                conditionPenalty(), shareGuard(), clusterRadius(), maxClusterPoints(), clusterScreenRatio(),
                earlyLifeDays(), earlyLifeWeight());
    }
}
