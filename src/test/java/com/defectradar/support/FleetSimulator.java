package com.defectradar.support;

import com.defectradar.demo.FleetWeather;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic fleet with known truth, for detection tests: monthly production batches of three components,
 * units entering service over each batch's production month, regions with their own climates, firmware
 * rolled out over the air (a new version every 120 days, reaching all units over 30 days), and background
 * failures in proportion to units in service. Optionally planted: a cold-weather calibration fault in one
 * young battery batch, infant inverter failures in one drive batch, and DC/DC faults on the units that took
 * one 12 V firmware release, across all batches — each clearly above the background. Always present, as decoys: cold-weather 12 V faults in every batch, a batch six times larger than
 * registered, a lemon unit back seven times, and tickets sent three times.
 */
public final class FleetSimulator {

    public static final LocalDate START = LocalDate.of(2022, 1, 1);
    public static final int DAYS = 365;
    public static final String COLD_BATCH = "BAT-2022-11-A";
    public static final String INFANT_BATCH = "DRI-2022-05-A";
    public static final String BIG_BATCH = "LVP-2022-03-A";
    public static final String LEMON_BATCH = "DRI-2022-02-A";
    /** The 12 V firmware released on day 240 with a DC/DC fault in its first weeks. */
    public static final String FAULTY_FIRMWARE = "LV-3.0";
    private static final int RELEASE_DAYS = 120;
    private static final int ROLLOUT_DAYS = 30;

    private static final String[] REGIONS = {"north", "coast", "south", "west"};
    private static final double[] REGION_MEAN_C = {2, 12, 20, 9};
    private static final Map<String, String[]> SYMPTOMS = Map.of(
            "battery", new String[]{"RANGE_DROP", "CHARGE_FAULT", "CELL_IMBALANCE"},
            "drive_unit", new String[]{"INVERTER_FAULT", "NOISE", "OIL_LEAK"},
            "lv_power", new String[]{"LOW_VOLTAGE", "DCDC_FAULT"});
    private static final Map<String, String> PREFIX = Map.of("battery", "BAT", "drive_unit", "DRI", "lv_power", "LVP");
    private static final Map<String, String> FIRMWARE = Map.of("battery", "BMS-", "drive_unit", "DU-", "lv_power", "LV-");
    /** Background failures per unit and day of an average symptom; some symptoms are rarer than others. */
    private static final double RATE = 1.2e-5;
    private static final Map<String, Double> SYMPTOM_WEIGHT = Map.of("RANGE_DROP", 1.0, "CHARGE_FAULT", 1.4,
            "CELL_IMBALANCE", 0.8, "INVERTER_FAULT", 0.5, "NOISE", 2.0, "OIL_LEAK", 0.5, "LOW_VOLTAGE", 1.5,
            "DCDC_FAULT", 0.5);

    public record Batch(String batchId, String component, int unitsProduced, int realUnits, LocalDate producedFrom,
                        LocalDate producedTo, int unitRecallCost) {
        public Map<String, Object> body() {
            return Map.of("component", component, "unitsProduced", unitsProduced, "producedFrom", producedFrom.toString(),
                    "producedTo", producedTo.toString(), "unitRecallCost", unitRecallCost, "currency", "CNY");
        }
    }

    public record Fleet(List<Batch> batches, List<Map<String, Object>> tickets, List<String> plantedBatches) {
    }

    private final SplittableRandom random;
    private final boolean planted;
    private final List<Batch> batches = new ArrayList<>();
    private final List<Map<String, Object>> tickets = new ArrayList<>();
    private int ticketNumber;

    public FleetSimulator(long seed, boolean planted) {
        this.random = new SplittableRandom(seed);
        this.planted = planted;
    }

    public Fleet generate() {
        batches.addAll(batches());
        for (int day = 0; day < DAYS; day++) {
            for (Batch batch : batches) {
                background(batch, day);
            }
        }
        lemon();
        if (planted) {
            coldCalibration();
            infantInverters();
            faultyRelease();
        }
        tickets.sort((a, b) -> ((String) a.get("occurredAt")).compareTo((String) b.get("occurredAt")));
        retries();
        return new Fleet(List.copyOf(batches), tickets, planted ? List.of(COLD_BATCH, INFANT_BATCH) : List.of());
    }

    private Batch batch(String batchId) {
        return batches.stream().filter(b -> b.batchId().equals(batchId)).findFirst().orElseThrow();
    }

    private String unit(Batch batch) {
        return "U" + batch.batchId() + "-" + random.nextInt(batch.realUnits());
    }

    private List<Batch> batches() {
        List<Batch> batches = new ArrayList<>();
        for (String component : List.of("battery", "drive_unit", "lv_power")) {
            for (int month = -6; month < 12; month++) {
                LocalDate from = START.plusMonths(month);
                String id = PREFIX.get(component) + "-" + from.getYear() + "-" + String.format("%02d", from.getMonthValue()) + "-A";
                int units = new int[]{3000, 5000, 8000}[Math.floorMod(month * 7 + component.length(), 3)];
                int real = id.equals(BIG_BATCH) ? units * 6 : units;
                batches.add(new Batch(id, component, units, real, from, from.plusDays(29), 1500));
            }
        }
        return batches;
    }

    private void background(Batch batch, int day) {
        for (String symptom : SYMPTOMS.get(batch.component())) {
            double inService = batch.realUnits() * served(batch, day);
            if (inService <= 0) {
                continue;
            }
            int failures = poisson(inService * RATE * SYMPTOM_WEIGHT.get(symptom));
            for (int i = 0; i < failures; i++) {
                int region = random.nextInt(REGIONS.length);
                add(batch, symptom, day, random.nextDouble(), region, temperature(region, day), unit(batch));
            }
            if (symptom.equals("LOW_VOLTAGE")) {
                coldExtra(batch, day, inService);
            }
        }
    }

    /** Weather decoy: 12 V batteries fail more in the cold, in every batch alike. */
    private void coldExtra(Batch batch, int day, double inService) {
        for (int region = 0; region < REGIONS.length; region++) {
            double temperature = temperature(region, day);
            if (temperature < -2) {
                int extra = poisson(inService / REGIONS.length * RATE * 2.5 * (-temperature / 5));
                for (int i = 0; i < extra; i++) {
                    add(batch, "LOW_VOLTAGE", day, random.nextDouble(), region, temperature(region, day), unit(batch));
                }
            }
        }
    }

    private void lemon() {
        Batch batch = batch(LEMON_BATCH);
        for (int visit = 0; visit < 7; visit++) {
            add(batch, "OIL_LEAK", 120 + visit * 6, 0.4, 1, temperature(1, 120 + visit * 6), "U" + LEMON_BATCH + "-77");
        }
    }

    private void coldCalibration() {
        Batch batch = batch(COLD_BATCH);
        int day = (int) (LocalDate.of(2022, 12, 6).toEpochDay() - START.toEpochDay());
        for (int i = 0; i < 9; i++) {
            add(batch, "RANGE_DROP", day + i * 2 + random.nextInt(2), 0.3, 0, -16 - random.nextDouble() * 8, unit(batch));
        }
    }

    private void infantInverters() {
        Batch batch = batch(INFANT_BATCH);
        int day = (int) (LocalDate.of(2022, 5, 20).toEpochDay() - START.toEpochDay());
        for (int i = 0; i < 20; i++) {
            int region = random.nextInt(REGIONS.length);
            add(batch, "INVERTER_FAULT", day + random.nextInt(30), random.nextDouble(), region, temperature(region, day), unit(batch));
        }
    }

    /** DC/DC faults in the four weeks after a 12 V firmware release, on the units that took it, in any batch. */
    private void faultyRelease() {
        int release = 2 * RELEASE_DAYS;
        List<Batch> lvBatches = batches.stream().filter(b -> b.component().equals("lv_power") && served(b, release) > 0).toList();
        int planted = 0;
        while (planted < 36) {
            Batch batch = lvBatches.get(random.nextInt(lvBatches.size()));
            String unit = unit(batch);
            int day = release + 3 + random.nextInt(28);
            if (firmware(batch, day, unit).equals(FAULTY_FIRMWARE)) {
                int region = random.nextInt(REGIONS.length);
                add(batch, "DCDC_FAULT", day, random.nextDouble(), region, temperature(region, day), unit);
                planted++;
            }
        }
    }

    /** A unit takes a release on a day of its own within the roll-out, the same day for every ticket of it. */
    private static String firmware(Batch batch, int day, String unit) {
        int version = 1 + day / RELEASE_DAYS;
        int sinceRelease = day % RELEASE_DAYS;
        if (version > 1 && sinceRelease < ROLLOUT_DAYS && Math.floorMod(unit.hashCode(), ROLLOUT_DAYS) >= sinceRelease) {
            version--;
        }
        return FIRMWARE.get(batch.component()) + version + ".0";
    }

    /** Three tickets sent three times each, as shops retry. */
    private void retries() {
        for (int i = 0; i < 3; i++) {
            Map<String, Object> ticket = tickets.get(tickets.size() / 2 + i * 11);
            tickets.add(tickets.indexOf(ticket) + 1, new LinkedHashMap<>(ticket));
            tickets.add(tickets.indexOf(ticket) + 1, new LinkedHashMap<>(ticket));
        }
    }

    private void add(Batch batch, String symptom, int day, double timeOfDay, int region, double temperature, String unit) {
        if (day < 0 || day >= DAYS) {
            return;
        }
        LocalDate date = START.plusDays(day);
        long produced = batch.producedFrom().toEpochDay() + random.nextInt(30);
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("source", "shop-" + REGIONS[region]);
        ticket.put("ticketId", "S" + (++ticketNumber));
        ticket.put("unitId", unit);
        ticket.put("component", batch.component());
        ticket.put("symptomCode", symptom);
        ticket.put("occurredAt", Instant.ofEpochSecond(date.atStartOfDay(ZoneOffset.UTC).toEpochSecond()
                + (long) (6 * 3600 + timeOfDay * 12 * 3600)).toString());
        ticket.put("productionBatch", batch.batchId());
        ticket.put("productionDate", LocalDate.ofEpochDay(produced).toString());
        ticket.put("firmwareVersion", firmware(batch, day, unit));
        ticket.put("ambientTemperatureC", Math.round(temperature * 10) / 10.0);
        ticket.put("model", random.nextBoolean() ? "EV-S" : "EV-X");
        ticket.put("region", REGIONS[region]);
        ticket.put("mileageKm", Math.max(0, (date.toEpochDay() - produced) * 40));
        tickets.add(ticket);
    }

    private double served(Batch batch, int day) {
        double t = START.toEpochDay() + day - batch.producedFrom().toEpochDay();
        return Math.max(0, Math.min(1, t / 30.0));
    }

    private double temperature(int region, int day) {
        return FleetWeather.temperature(REGION_MEAN_C[region], day, random);
    }

    private int poisson(double mean) {
        return FleetWeather.poisson(mean, random);
    }
}
