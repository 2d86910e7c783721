"""Time the whole `srm-iac check` process against the floor: parsing the same file.

For each size the runner generates a plan (cached under benchmarks/.data/), then runs, several
times each, (a) a Python process that only reads and parses the file with the standard
library's JSON parser, and (b) `srm-iac check FILE --format json --output /dev/null`. It prints
the median wall time and the peak memory (max RSS) of each, and the ratio to the floor. Then the
scan of a generated 2,000-resource Terraform source tree (`srm-iac check DIR`, needs the `hcl`
extra).

Every command runs once untimed first, with bytecode writing allowed (an installed wheel ships
compiled bytecode; `PYTHONDONTWRITEBYTECODE=1` would time the compiler instead of srm-iac).

    python benchmarks/run.py                       # 1k, 5k, 10k, 20k
    python benchmarks/run.py --sizes 1000 100000 --runs 3
    python benchmarks/run.py --sizes 1000 10000 --checkov "$(command -v checkov)"

With ``--checkov``, the same plans also go through checkov's ``terraform_plan`` framework (JSON
output to /dev/null), timed once per size after one untimed run on the smallest plan: side by
side, on the same machine in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
FLOOR = "import json, sys; json.loads(open(sys.argv[1], 'rb').read())"
"""The floor: a Python process that only reads the file and parses it with the standard library."""


ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
SOURCE_SIZE = 2000
QUIET = ("--format", "json", "--output", os.devnull)


def measure(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENVIRONMENT
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{command} failed ({process.returncode}): {error}")
    return elapsed, usage.ru_maxrss // 1024


def median_of(command: list[str], runs: int) -> tuple[float, int]:
    """Median wall time and the largest peak RSS over ``runs`` runs, after one untimed run."""
    measure(command)
    samples = [measure(command) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def generated(kind: str, size: int) -> Path:
    """The generated plan (``kind`` "plan") or source tree ("source") of ``size`` resources,
    generated once under benchmarks/.data/, then reused."""
    path = DATA / (f"plan-{size}.json" if kind == "plan" else f"source-{size}")
    if not path.exists():
        subprocess.run(
            [sys.executable, str(HERE / f"generate_{kind}.py"), str(size), str(path)], check=True
        )
    return path


def checkov_command(executable: str, plan: Path) -> list[str]:
    """checkov over one plan file, its terraform_plan checks only, JSON to /dev/null."""
    return [executable, "-f", str(plan), "--framework", "terraform_plan", "-o", "json", "--quiet"]


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000, 20000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--checkov", metavar="PATH", help="also time this checkov executable")
    args = parser.parse_args()
    srm_iac = [sys.executable, "-m", "srm_iac"]
    version, _ = median_of([*srm_iac, "--version"], args.runs)
    print(f"srm-iac --version: {version * 1000:.0f} ms (median of {args.runs})")
    print(
        f"{'resources':>9} {'MB':>6} {'floor s':>8} {'check s':>8} {'ratio':>6} "
        f"{'floor MiB':>9} {'check MiB':>9} {'us/res':>7}"
        + (f" {'checkov s':>9} {'checkov MiB':>11}" if args.checkov else "")
    )
    if args.checkov:
        measure(checkov_command(args.checkov, generated("plan", min(args.sizes))))
    for size in args.sizes:
        plan = generated("plan", size)
        megabytes = plan.stat().st_size / 1e6
        floor, floor_rss = median_of([sys.executable, "-c", FLOOR, str(plan)], args.runs)
        check, check_rss = median_of([*srm_iac, "check", str(plan), *QUIET], args.runs)
        print(
            f"{size:>9} {megabytes:>6.1f} {floor:>8.3f} {check:>8.3f} {check / floor:>6.2f} "
            f"{floor_rss:>9} {check_rss:>9} {check / size * 1e6:>7.1f}",
            end="",
        )
        if args.checkov:
            seconds, rss = measure(checkov_command(args.checkov, plan))
            print(f" {seconds:>9.2f} {rss:>11}", end="")
        print()
    source = generated("source", SOURCE_SIZE)
    scan, scan_rss = median_of([*srm_iac, "check", str(source), *QUIET], args.runs)
    print(f"HCL scan of {SOURCE_SIZE:,} resources: {scan:.3f} s, {scan_rss} MiB")


if __name__ == "__main__":
    main()
