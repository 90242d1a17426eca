"""Benchmark: ``guide check`` over a 100,000-record sign-in log (not a test).

Generates a Graph-style sign-in log (``{"value": [...]}``, pretty-printed as
the portal and Graph Explorer save it, with some Japanese names and a mix of
successes, failures, Conditional Access blocks, risky and SIF-enforced
sign-ins) in a temporary folder, then measures:

* time of `check_files` over it, as a ratio to a bare `json.load` of the same
  file (goal: at most 2x; best of several runs each);
* peak memory of `check_files` (tracemalloc) against the file size (goal:
  under 4x).

Run with ``python benchmarks/bench_check.py [RECORDS]``.
"""

from __future__ import annotations

import gc
import json
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guide.engine.evidence.runner import check_files  # noqa: E402

RECORDS = 100_000
RUNS = 3

_FAILURES = [(50126, "Invalid username or password or Invalid on-premise username or password."),
             (50140, "This error occurred due to 'Keep me signed in' interrupt when the user was signing in."),
             (50074, "Strong Authentication is required."), (53003, "Access has been blocked by Conditional "
                                                                 "Access policies."),
             (70043, "The refresh token has expired or is invalid due to sign-in frequency checks."),
             (50173, "The provided grant has expired due to it being revoked.")]
_NAMES = ["山田 太郎", "佐藤 花子", "Jamie Doe", "Li Wei", "鈴木 一郎", "Test Contoso"]


def _record(index: int, rnd: random.Random) -> dict:
    code, reason = (0, None) if rnd.random() < 0.8 else rnd.choice(_FAILURES)
    policies = [{"id": "6701123a-b4c6-48af-8565-565c8bf7cabc", "displayName": "Require MFA for all users",
                 "enforcedGrantControls": ["Mfa"], "enforcedSessionControls": [], "result": "success"}]
    if code == 53003:
        policies.append({"id": "de7e60eb-ed89-4d73-8205-2227def6b7c9", "displayName": "Block legacy authentication",
                         "enforcedGrantControls": ["Block"], "enforcedSessionControls": [], "result": "failure"})
    if code == 70043 or rnd.random() < 0.05:
        policies.append({"id": "0b1c2d3e-0000-4000-8000-000000000001", "displayName": "Sign-in every 8 hours",
                         "enforcedGrantControls": [], "enforcedSessionControls": ["SignInFrequency"],
                         "result": "success"})
    risk = "high" if rnd.random() < 0.002 else rnd.choice(["none", "none", "none", "low"])
    return {
        "id": f"{index:08x}-6301-4ee5-be62-ff5a759b0100",
        "createdDateTime": f"2024-05-{1 + index % 28:02d}T{index % 24:02d}:{index % 60:02d}:41.6195833Z",
        "userDisplayName": rnd.choice(_NAMES),
        "userPrincipalName": f"user{index % 500}@contoso.co.jp",
        "userId": "26be570a-ae82-4189-b4e2-a37c6808512d",
        "appId": "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
        "appDisplayName": "Microsoft Teams",
        "ipAddress": f"203.0.113.{index % 250}",
        "clientAppUsed": "Mobile Apps and Desktop clients",
        "correlationId": f"d79f5bee-5860-4832-928f-{index:012d}",
        "conditionalAccessStatus": "failure" if code == 53003 else "success",
        "isInteractive": True,
        "riskDetail": "none", "riskLevelAggregated": risk, "riskLevelDuringSignIn": risk, "riskState": "none",
        "riskEventTypes": [],
        "resourceDisplayName": "Microsoft Teams Services",
        "resourceId": "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe",
        "status": {"errorCode": code, "failureReason": reason, "additionalDetails": None},
        "deviceDetail": {"deviceId": "", "displayName": None, "operatingSystem": "Windows 10",
                         "browser": "Edge 120.0.0", "isCompliant": None, "isManaged": None, "trustType": None},
        "location": {"city": "Tokyo", "state": "Tokyo", "countryOrRegion": "JP",
                     "geoCoordinates": {"altitude": None, "latitude": 35.69, "longitude": 139.69}},
        "appliedConditionalAccessPolicies": policies,
    }


def generate(path: Path, records: int) -> None:
    """Write a Graph-style sign-in log of `records` records to `path`."""
    rnd = random.Random(42)
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns",\n'
                  '  "value": [\n')
        for index in range(records):
            text = json.dumps(_record(index, rnd), indent=2, ensure_ascii=False)
            out.write(("    " + text.replace("\n", "\n    ")) + (",\n" if index < records - 1 else "\n"))
        out.write("  ]\n}\n")


def best_time(action, runs: int = RUNS) -> float:
    """Fastest of `runs` timings of `action()` (seconds)."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_memory(action) -> int:
    """Peak traced allocation of `action()` (bytes)."""
    gc.collect()
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main(records: int = RECORDS) -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "signins.json"
        generate(path, records)
        size = path.stat().st_size

        def bare() -> None:
            with path.open(encoding="utf-8") as handle:
                json.load(handle)

        def check() -> None:
            report = check_files([str(path)])
            assert report.evidence[0].kind == "signin-log"

        report = check_files([str(path)])
        load_s, check_s = best_time(bare), best_time(check)
        load_peak, check_peak = peak_memory(bare), peak_memory(check)

    findings = ", ".join(f"{item.cause}:{item.severity}" for item in report.findings)
    return [
        (f"guide check, {records:,} sign-in records ({size / 1048576:,.1f} MB)", f"{check_s:.2f} s",
         f"{check_s / load_s:.2f}x json.load ({load_s:.2f} s)  goal <= 2x"),
        ("peak memory of guide check", f"{check_peak / 1048576:,.0f} MB",
         f"{check_peak / size:.2f}x file size (json.load: {load_peak / size:.2f}x)  goal < 4x"),
        ("findings", str(len(report.findings)), findings),
    ]

if __name__ == "__main__":
    for name, figure, note in main(int(sys.argv[1]) if len(sys.argv) > 1 else RECORDS):
        print(f"{name:48} {figure:>12}  {note}")
