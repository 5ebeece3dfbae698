"""Summarises a bench/run results file: each metric's best, median and range, and the ratios the issue counts."""
import re
import statistics
import sys
from collections import defaultdict

values = defaultdict(list)
for line in open(sys.argv[1]):
    match = re.match(r"RESULT (\S+) (\S+)", line)
    # warm-up and loading rounds are not measurements
    if match and not match.group(1).startswith(("warmup_", "load_")):
        values[match.group(1)].append(float(match.group(2)))


def lower_is_better(metric):
    return re.search(r"(seconds|_ms|heap_mb|full_gcs)$", metric) is not None


def best(metric):
    return (min if lower_is_better(metric) else max)(values[metric])


print(f"{'metric':40} {'n':>3} {'best':>10} {'median':>10} {'min':>10} {'max':>10}")
for metric, vs in values.items():
    print(f"{metric:40} {len(vs):3} {best(metric):10.2f} {statistics.median(vs):10.2f} {min(vs):10.2f} {max(vs):10.2f}")

for name, ours, theirs in [("bulk ingest / COPY", "bulk_per_second", "copy_per_second"),
                           ("single ingest / pgbench", "single_per_second", "pgbench_per_second")]:
    if values[ours] and values[theirs]:
        ratio = statistics.median(values[ours]) / statistics.median(values[theirs])
        print(f"{name}: {ratio:.0%} (medians), {best(ours) / best(theirs):.0%} (bests)")
