"""Print a short summary of one scripts/scan.sh run: python scan_summary.py bench/results/scan-<time>.

Reads wapiti's JSON reports, sqlmap's logs, gunicorn's access log (requests per scanner, by its
user agent, and by status) and gunicorn's error log (server errors with their tracebacks).
Standard library only: it runs in the scanners' virtualenv.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

ACCESS_LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) \S+ "[^"]*" "(?P<agent>[^"]*)"$')
SQLMAP_VERDICTS = (
    "is vulnerable",
    "appears to be injectable",
    "might be injectable",
    "do not appear to be injectable",
    "[CRITICAL]",
)


def wapiti(results, examples=5):
    for report in sorted(results.glob("wapiti-*.json")):
        data = json.loads(report.read_text())
        print(f"\n{report.name}: {data['infos'].get('crawled_pages_nbr', '?')} pages crawled")
        findings = 0
        for section, label in (
            ("vulnerabilities", "vulnerability"),
            ("anomalies", "anomaly"),
            ("additionals", "info"),
        ):
            for category, items in data.get(section, {}).items():
                seen = sorted(
                    {(item["method"], item["path"], item.get("parameter") or "", item["info"]) for item in items}
                )
                if not seen:
                    continue
                findings += len(seen)
                print(f"  {label}: {category}: {len(seen)}")
                for method, path, parameter, info in seen[:examples]:
                    where = f"{method} {path}" + (f" [{parameter}]" if parameter else "")
                    print(f"    {where}: {info.splitlines()[0][:140]}")
                if len(seen) > examples:
                    print(f"    ... and {len(seen) - examples} more in the report")
        if not findings:
            print("  no findings")


def sqlmap(results):
    print()
    for log in sorted(results.glob("sqlmap-*.log")):
        verdicts = [
            line.strip()
            for line in log.read_text(errors="replace").splitlines()
            if any(v in line for v in SQLMAP_VERDICTS)
        ]
        print(f"{log.name}: " + ("; ".join(dict.fromkeys(verdicts)) if verdicts else "no verdict (see the log)"))


def server(results):
    statuses = Counter()
    per_agent = Counter()
    errors = Counter()
    for line in (results / "gunicorn-access.log").read_text(errors="replace").splitlines():
        match = ACCESS_LINE.search(line)
        if not match:
            continue
        agent = (
            "sqlmap" if match["agent"].startswith("sqlmap") else "wapiti" if "wapiti" in match["agent"] else "other"
        )
        per_agent[agent] += 1
        statuses[match["status"]] += 1
        if match["status"].startswith("5"):
            errors[f"{match['status']} {match['method']} {match['path'].split('?')[0]}"] += 1
    print(f"\nrequests: {sum(per_agent.values())} ({', '.join(f'{k} {v}' for k, v in per_agent.most_common())})")
    print("statuses: " + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items())))
    for error, count in errors.most_common():
        print(f"  server error {count}x: {error}")
    log = (results / "gunicorn.log").read_text(errors="replace")
    tracebacks = log.count("Traceback (most recent call last)")
    print(f"tracebacks in gunicorn.log: {tracebacks}")


def main():
    results = Path(sys.argv[1])
    print(f"==> Summary of {results}")
    timings = results / "timings.txt"
    if timings.exists():
        print(timings.read_text().rstrip())
    wapiti(results)
    sqlmap(results)
    server(results)


if __name__ == "__main__":
    main()
