#!/usr/bin/env python3
"""Backtests the detector on the public failure records in ../shared/data/real through the service's API.

Usage: replay_real.py nhtsa|alibaba BASE_URL CSV [--key API_KEY]

nhtsa:   unit = odi_number, batch = make + model + model year, symptom = NHTSA component (component
         "vehicle"), occurred = incident_date; tickets are sent in filing order (the running maximum of
         incident_date over odi_number, a lower bound of the filing date) and detection runs at each month
         end, so each run sees what was known then. Incidents before the model year's previous year or
         after the filing bound are data errors and skipped.
alibaba: unit = disk_id, batch = drive model, component "ssd", symptom = the first SMART counter that flags
         (reallocated sectors, uncorrectable errors, CRC errors, unexpected power loss, else FAILURE),
         production date = failure time minus power-on hours, region = machine room; weekly runs.
Prints every alert when it first appears, and a summary line.
"""
import csv, datetime as dt, json, sys, time, urllib.request


def call(base, key, method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if key:
        req.add_header("Authorization", "Bearer " + key)
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.loads(r.read() or b"null")


def nhtsa(path):
    rows = sorted(csv.DictReader(open(path)), key=lambda r: int(r["odi_number"]))
    known, out = "0000-00-00", []
    for r in rows:
        known = max(known, r["incident_date"])
        year = int(r["model_year"] or 0)
        if not r["incident_date"] or r["incident_date"][:4] < str(year - 1) or r["incident_date"] > known:
            continue
        out.append((known, {"source": "nhtsa", "ticketId": r["odi_number"], "unitId": r["odi_number"],
                            "component": "vehicle", "symptomCode": r["components"][:64],
                            "occurredAt": r["incident_date"],
                            "productionBatch": ("%s %s %s" % (r["make"], r["model"], r["model_year"]))[:64],
                            "model": r["model"][:64]}))
    return out, "month"


SMART = [("r_5", "REALLOCATED_SECTORS"), ("r_187", "UNCORRECTABLE_ERRORS"), ("r_199", "CRC_ERRORS"),
         ("r_174", "UNEXPECTED_POWER_LOSS")]


def alibaba(path):
    out = []
    for r in csv.DictReader(open(path)):
        failed = dt.datetime.fromisoformat(r["failure_time"]).replace(tzinfo=dt.timezone.utc)
        symptom = next((name for column, name in SMART if r.get(column) not in (None, "", "0.0", "0")), "FAILURE")
        ticket = {"source": "alibaba", "ticketId": "%s-%s" % (r["disk_id"], r["failure_time"]), "unitId": r["disk_id"],
                  "component": "ssd", "symptomCode": symptom, "occurredAt": failed.strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "productionBatch": r["model"], "region": "room-" + r["machine_room_id"], "model": r["app"] or None}
        if r.get("r_9"):
            ticket["productionDate"] = (failed - dt.timedelta(hours=float(r["r_9"]))).date().isoformat()
        out.append((ticket["occurredAt"], ticket))
    out.sort(key=lambda t: t[0])
    return out, "week"


def main():
    kind, base, path = sys.argv[1], sys.argv[2].rstrip("/"), sys.argv[3]
    key = sys.argv[sys.argv.index("--key") + 1] if "--key" in sys.argv else None
    tickets, step = (nhtsa if kind == "nhtsa" else alibaba)(path)
    first = dt.date.fromisoformat(tickets[0][0][:10])
    boundary = dt.date(first.year, first.month, 1) if step == "month" else first - dt.timedelta(days=first.weekday())
    seen, runs, stored, rejected, i, started = {}, 0, 0, 0, 0, time.time()
    while i < len(tickets):
        boundary = (dt.date(boundary.year + boundary.month // 12, boundary.month % 12 + 1, 1) if step == "month"
                    else boundary + dt.timedelta(days=7))
        chunk = []
        while i < len(tickets) and tickets[i][0][:10] < boundary.isoformat():
            chunk.append(tickets[i][1]); i += 1
        for k in range(0, len(chunk), 2000):
            answer = call(base, key, "POST", "/api/v1/tickets/batch", chunk[k:k + 2000])
            stored += answer["created"] + answer["duplicates"]; rejected += len(answer["rejected"])
        call(base, key, "POST", "/api/v1/detection/runs?asOf=%sT00:00:00Z" % boundary.isoformat()); runs += 1
        page = call(base, key, "GET", "/api/v1/alerts?status=OPEN,ACKNOWLEDGED,RESOLVED,DISMISSED&limit=500")
        for alert in page["items"]:
            if alert["id"] not in seen:
                seen[alert["id"]] = boundary
                s = alert["statistics"]
                print("| %s | %s | %d | %.1f | %.1f | %.1e |" % (boundary, alert["title"], s["observed"], s["expected"],
                                                             s["rateRatio"], s["pValue"]))
    print("tickets=%d stored=%d rejected=%d runs=%d alerts=%d seconds=%.0f" % (len(tickets), stored, rejected, runs,
                                                                            len(seen), time.time() - started))


if __name__ == "__main__":
    main()
