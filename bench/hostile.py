"""Time and memory of the hostile inputs of issue 11 (tests/hostile/cases.py).

    python bench/hostile.py [--timeout SECONDS] [CASE ...]

Each case is written to a temporary folder and checked by the CLI in a child process (in that
process: ``--doc-timeout 0``), so a runaway case is killed at the timeout without taking the
others with it. Prints a table of
case, seconds, peak MB (the child's VmHWM) and outcome (findings, or the one-line error).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.hostile.cases import CASES, Case  # noqa: E402


def _peak_mb(pid: int) -> float:
    """The child's peak resident memory so far, from /proc (0 when unavailable)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _outcome(stdout: str, code: int | None) -> str:
    """One cell: the document's error, or its finding count, or the exit status."""
    if code is None:
        return "TIMEOUT (killed)"
    try:
        doc = json.loads(stdout)["documents"][0]
    except (ValueError, KeyError, IndexError):
        return f"exit {code}, no JSON output"
    if doc["error"]:
        return f"error: {doc['error']}"
    notes = f"; notes: {' / '.join(doc['notes'])}" if doc["notes"] else ""
    return f"{len(doc['findings'])} findings, {doc['words']} words{notes}"


def run(case: Case, folder: Path, timeout: float) -> tuple[float, float, str]:
    """Check one case in a child process: (seconds, peak MB, outcome)."""
    path = folder / case.name
    path.write_bytes(case.build())
    # --doc-timeout 0: checked in the child itself, so its peak memory is the check's (the
    # supervised default would check in a grandchild worker, out of VmHWM's sight)
    cmd = [sys.executable, "-m", "claimcheck", "check", str(path), "--format", "json",
           "--fail-on", "never", "--doc-timeout", "0"]  # fmt: skip
    out = folder / f"{case.name}.json"  # a file, not a pipe: a full pipe would stall the child
    began = time.perf_counter()
    with out.open("w") as sink, subprocess.Popen(
        cmd, stdout=sink, stderr=subprocess.DEVNULL, env=os.environ.copy()
    ) as child:
        peak, code = 0.0, None
        while time.perf_counter() - began < timeout:
            peak = max(peak, _peak_mb(child.pid))
            code = child.poll()
            if code is not None:
                break
            time.sleep(0.1)
        if code is None:
            child.kill()
            child.wait()
    seconds = time.perf_counter() - began
    return seconds, peak, _outcome(out.read_text(encoding="utf-8"), code)


def main() -> None:
    """Run the selected cases and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    args = parser.parse_args()
    cases = [c for c in CASES if not args.cases or c.name in args.cases]
    print(f"| {'case':<20} | {'bytes':>9} | {'seconds':>7} | {'peak MB':>7} | outcome")
    print(f"|{'-' * 22}|{'-' * 11}|{'-' * 9}|{'-' * 9}|--------")
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            seconds, peak, outcome = run(case, Path(tmp), args.timeout)
            size = len(case.build())
            print(f"| {case.name:<20} | {size:>9} | {seconds:>7.1f} | {peak:>7.0f} | {outcome}",
                  flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
