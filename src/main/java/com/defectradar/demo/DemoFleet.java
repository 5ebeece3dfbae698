package com.defectradar.demo;

import com.defectradar.ticket.TicketInput;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A realistic electric-vehicle fleet for the demo, with one planted defect: the battery-calibration case.
 * Monthly production batches of batteries, drive units and 12 V power units over a year; units enter service
 * over their batch's month; four regions with their own winters; background failures in proportion to units
 * in service; 12 V faults that rise in the cold in every batch alike (the weather decoy detection must ignore);
 * a lemon back five times; and a battery firmware update (BMS-10.2) rolled out over the air around New Year.
 *
 * <p>Planted: six units of the December battery batch, built with BMS-10.2, lose range on cold mornings in
 * the north (−14 to −24 °C) within two weeks of January. Nothing else in the fleet fails like that.
 *
 * <p>Deterministic for a seed and a January, so the demo tells the same story every time it runs.
 */
public final class DemoFleet {

    static final String[] REGIONS = {"north", "coast", "south", "west"};
    /** Yearly mean temperature per region; winters are 12 °C colder than the mean, coldest mid-January. */
    static final double[] REGION_MEAN_C = {2, 12, 20, 9};
    static final Map<String, String[]> SYMPTOMS = Map.of(
            "battery", new String[]{"RANGE_DROP", "CHARGE_FAULT", "CELL_IMBALANCE"},
            "drive_unit", new String[]{"INVERTER_FAULT", "NOISE", "OIL_LEAK"},
            "lv_power", new String[]{"LOW_VOLTAGE", "DCDC_FAULT"});
    static final List<String> COMPONENTS = List.of("battery", "drive_unit", "lv_power");
    static final Map<String, String> PREFIX = Map.of("battery", "BAT", "drive_unit", "DRI", "lv_power", "LVP");
    /** Background failures per unit in service and day, before each symptom's weight. */
    static final double RATE = 3.6e-5;
    static final Map<String, Double> SYMPTOM_WEIGHT = Map.of("RANGE_DROP", 0.3, "CHARGE_FAULT", 1.4,
            "CELL_IMBALANCE", 0.8, "INVERTER_FAULT", 0.5, "NOISE", 2.0, "OIL_LEAK", 0.5, "LOW_VOLTAGE", 1.5,
            "DCDC_FAULT", 0.5);
    static final Map<String, String> DESCRIPTION = Map.of(
            "RANGE_DROP", "Customer reports shorter range than displayed; cells and pack balance in spec.",
            "CHARGE_FAULT", "Charging stops after a few minutes on AC and DC; fault code logged by the BMS.",
            "CELL_IMBALANCE", "Cell voltage spread above limit at rest; module balanced in the workshop.",
            "INVERTER_FAULT", "Loss of drive with inverter over-current fault; inverter replaced.",
            "NOISE", "Whine from the drive unit under load between 40 and 70 km/h.",
            "OIL_LEAK", "Oil seep at the drive unit's output shaft seal; seal replaced.",
            "LOW_VOLTAGE", "Vehicle does not wake up; 12 V battery deeply discharged, charged and tested.",
            "DCDC_FAULT", "12 V system warning while driving; DC/DC converter output unstable.");
    static final Map<String, BigDecimal> UNIT_RECALL_COST = Map.of("battery", new BigDecimal("15000"),
            "drive_unit", new BigDecimal("9000"), "lv_power", new BigDecimal("1200"));

    /** December's battery batch, the one with the calibration fault: a short run of a new pack variant. */
    static final int COLD_BATCH_UNITS = 4000;

    /** A production batch as manufacturing registers it. */
    public record Batch(String batchId, String component, int unitsProduced, LocalDate producedFrom,
                        LocalDate producedTo, BigDecimal unitRecallCost) {
    }

    /**
     * The whole story: batches, every ticket in order of occurrence, the history loaded at once, the days
     * streamed one by one, and the planted cases.
     */
    public record Plan(List<Batch> batches, List<TicketInput> tickets, LocalDate historyFrom, LocalDate streamFrom,
                       LocalDate streamTo, String coldBatch, List<LocalDate> coldCaseDays) {

        /** The tickets that occurred on one day (UTC). */
        public List<TicketInput> on(LocalDate day) {
            Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant to = from.plus(1, ChronoUnit.DAYS);
            return tickets.stream().filter(t -> !t.occurredAt().isBefore(from) && t.occurredAt().isBefore(to)).toList();
        }

        /** The tickets that occurred before a day (UTC). */
        public List<TicketInput> before(LocalDate day) {
            Instant to = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            return tickets.stream().filter(t -> t.occurredAt().isBefore(to)).toList();
        }
    }

    private final SplittableRandom random;
    private final LocalDate january;
    private final List<Batch> batches = new ArrayList<>();
    private final List<TicketInput> tickets = new ArrayList<>();
    private int ticketNumber;

    private DemoFleet(long seed, LocalDate january) {
        this.random = new SplittableRandom(seed);
        this.january = january;
    }

    /**
     * The January of the story: the latest one whose winter is over by {@code today}, so every ticket lies in
     * the past (the API refuses tickets from the future) and the story is always a real winter.
     */
    public static LocalDate storyJanuary(LocalDate today) {
        return LocalDate.of(today.getMonthValue() >= 3 ? today.getYear() : today.getYear() - 1, 1, 1);
    }

    public static Plan generate(long seed, LocalDate january) {
        return new DemoFleet(seed, january).plan();
    }

    static String coldBatchId(LocalDate january) {
        LocalDate december = january.minusMonths(1);
        return "BAT-" + december.getYear() + "-12-A";
    }

    private Plan plan() {
        LocalDate historyFrom = january.minusMonths(3);
        LocalDate streamFrom = january.minusDays(12);
        LocalDate streamTo = january.plusDays(45);
        for (String component : COMPONENTS) {
            for (int month = -12; month <= 0; month++) {
                LocalDate from = january.plusMonths(month);
                String id = PREFIX.get(component) + "-" + from.getYear() + "-" + String.format("%02d", from.getMonthValue()) + "-A";
                int units = new int[]{3000, 5000, 8000}[Math.floorMod(month * 7 + component.length(), 3)];
                if (id.equals(coldBatchId(january))) {
                    units = COLD_BATCH_UNITS;
                }
                batches.add(new Batch(id, component, units, from, from.plusMonths(1).minusDays(1), UNIT_RECALL_COST.get(component)));
            }
        }
        for (LocalDate day = historyFrom; !day.isAfter(streamTo); day = day.plusDays(1)) {
            for (Batch batch : batches) {
                background(batch, day);
            }
        }
        lemon();
        List<LocalDate> coldCases = coldCalibration();
        tickets.sort(Comparator.comparing(TicketInput::occurredAt).thenComparing(TicketInput::ticketId));
        return new Plan(List.copyOf(batches), List.copyOf(tickets), historyFrom, streamFrom, streamTo,
                coldBatchId(january), coldCases);
    }

    private void background(Batch batch, LocalDate day) {
        double inService = batch.unitsProduced() * served(batch, day);
        if (inService <= 0) {
            return;
        }
        for (String symptom : SYMPTOMS.get(batch.component())) {
            int failures = poisson(inService * RATE * SYMPTOM_WEIGHT.get(symptom));
            for (int i = 0; i < failures; i++) {
                int region = random.nextInt(REGIONS.length);
                add(batch, symptom, day, 7 + random.nextDouble() * 11, region, temperature(region, day), unit(batch));
            }
        }
        if (batch.component().equals("lv_power")) {
            coldDecoy(batch, day, inService);
        }
    }

    /** Weather decoy: 12 V batteries fail more in the cold, in every batch alike. */
    private void coldDecoy(Batch batch, LocalDate day, double inService) {
        for (int region = 0; region < REGIONS.length; region++) {
            double temperature = temperature(region, day);
            if (temperature < -2) {
                int extra = poisson(inService / REGIONS.length * RATE * 2.5 * (-temperature / 5));
                for (int i = 0; i < extra; i++) {
                    add(batch, "LOW_VOLTAGE", day, 6 + random.nextDouble() * 4, region, temperature, unit(batch));
                }
            }
        }
    }

    /** One drive unit back five times for the same leak: one unit, not a pattern. */
    private void lemon() {
        Batch batch = batches.stream().filter(b -> b.component().equals("drive_unit")).toList().get(8);
        String unit = "VIN-" + batch.batchId() + "-00077";
        for (int visit = 0; visit < 5; visit++) {
            LocalDate day = january.minusDays(40).plusDays(visit * 6L);
            add(batch, "OIL_LEAK", day, 10, 1, temperature(1, day), unit);
        }
    }

    /** The planted defect: six cold-morning range drops in the December battery batch, all in the north. */
    private List<LocalDate> coldCalibration() {
        Batch batch = batches.stream().filter(b -> b.batchId().equals(coldBatchId(january))).findFirst().orElseThrow();
        List<LocalDate> days = new ArrayList<>();
        for (int offset : new int[]{5, 7, 9, 12, 14, 17}) {
            LocalDate day = january.plusDays(offset);
            days.add(day);
            double temperature = -14 - random.nextDouble() * 10;
            add(batch, "RANGE_DROP", day, 6 + random.nextDouble() * 2.5, 0, temperature, unit(batch),
                    "Range down about 30 % after a night at " + Math.round(temperature)
                            + " °C; state of charge drops at start-up, recovers once warm. Pack and cells in spec.");
        }
        return days;
    }

    private void add(Batch batch, String symptom, LocalDate day, double hourOfDay, int region, double temperature, String unit) {
        add(batch, symptom, day, hourOfDay, region, temperature, unit, DESCRIPTION.get(symptom));
    }

    private void add(Batch batch, String symptom, LocalDate day, double hourOfDay, int region, double temperature,
                     String unit, String description) {
        if (day.isBefore(batch.producedFrom())) {
            return;
        }
        LocalDate produced = batch.producedFrom().plusDays(random.nextInt(
                (int) ChronoUnit.DAYS.between(batch.producedFrom(), batch.producedTo()) + 1));
        if (produced.isAfter(day)) {
            produced = day;
        }
        Instant occurredAt = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds((long) (hourOfDay * 3600));
        double mileage = ChronoUnit.DAYS.between(produced, day) * (30 + random.nextInt(30));
        // the story's year in the id: stories of different winters never reuse a (source, ticketId)
        tickets.add(new TicketInput("shop-" + REGIONS[region], "DEMO-" + january.getYear() + "-" + (++ticketNumber), unit, batch.component(),
                symptom, occurredAt, batch.batchId(), produced, firmware(batch, day), Math.round(temperature * 10) / 10.0,
                random.nextBoolean() ? "EV-S" : "EV-X", REGIONS[region] + "-" + (1 + random.nextInt(3)), REGIONS[region],
                mileage, description, 0.5 + random.nextInt(8) * 0.5,
                BigDecimal.valueOf(50 + random.nextInt(400) * 10L), "CNY"));
    }

    /**
     * Battery firmware: BMS-10.2 ships with batteries built from December and reaches older ones over the air
     * between 10 December and 10 January — seven in ten of them, as owners who decline updates keep BMS-10.1,
     * so both versions stay in service side by side. Other components keep one version through the story.
     */
    private String firmware(Batch batch, LocalDate day) {
        return switch (batch.component()) {
            case "battery" -> {
                LocalDate december = january.minusMonths(1);
                if (!batch.producedFrom().isBefore(december)) {
                    yield "BMS-10.2";
                }
                double updated = 0.7 * Math.clamp(ChronoUnit.DAYS.between(december.plusDays(9), day) / 31.0, 0, 1);
                yield random.nextDouble() < updated ? "BMS-10.2" : "BMS-10.1";
            }
            case "drive_unit" -> "DU-4.3";
            default -> "LV-2.0";
        };
    }

    private String unit(Batch batch) {
        return "VIN-" + batch.batchId() + "-" + String.format("%05d", random.nextInt(batch.unitsProduced()));
    }

    private double served(Batch batch, LocalDate day) {
        double days = ChronoUnit.DAYS.between(batch.producedFrom(), day);
        return Math.max(0, Math.min(1, days / 30.0));
    }

    private double temperature(int region, LocalDate day) {
        return FleetWeather.temperature(REGION_MEAN_C[region], day.getDayOfYear(), random);
    }

    private int poisson(double mean) {
        return FleetWeather.poisson(mean, random);
    }
}
