"""Batch throughput and peak memory: generated posts with 1 and 2 workers and on Dask.

    python bench/batch.py [--sizes 1000 10000] [--modes jobs1 jobs2 dask] [--repeat N] [--quick]

The posts (bench/posts.py: Markdown guest posts of about 220 words, one in ten carrying an
agency template paragraph) are written as files to a temporary folder. Each run is its own
process, so nothing is warm from an earlier one, and checks every file as one run:

- ``jobs1``, ``jobs2``: the files read as the command line reads them (``iter_inputs``) and
  checked by ``check_parallel`` with 1 and 2 supervised worker processes and the command
  line's ``--doc-timeout`` (what ``claimcheck check --jobs N DIR`` runs);
- ``dask``: ``claimcheck.distributed.check_bag`` on a ``LocalCluster`` of 2 worker processes
  (one thread each), the files read on the workers from a bag of paths (100 per partition).

documents/s counts the check only (first input to last result, the results consumed in input
order), not the process's start, the pipeline's load or the cluster's start (``start s``).
``drv cpu`` is the CPU time of the process that reads the inputs and runs the run-level pass
(the workers are other processes), ``load`` the host's 1-minute load average at the end: the
host is shared, and a load above the core count means other work took CPU from the run.
Peak memory is the largest sum of the resident set sizes of the run's whole process tree
(the process, its workers, Dask's nannies), sampled every 0.1 s with psutil; pages shared
after a fork count once per process. ``--repeat N`` runs the modes in N interleaved rounds
and keeps each one's fastest round and highest peak. ``--quick`` checks 40 posts per mode,
in seconds, as a smoke test (tests/bench/test_batch.py).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import write_results
from posts import write_posts

MODES = ("jobs1", "jobs2", "dask")
PARTITION = 100  # posts per Dask partition


def read_path(path: str) -> Any:
    """A post file as the command line reads it (on a Dask worker): Unparsed, or InputError."""
    from claimcheck.inputs.load import as_input_error, read_file

    try:
        return read_file(Path(path))
    except Exception as exc:
        return as_input_error(path, exc)


def child(mode: str, folder: Path) -> dict[str, Any]:
    """Run one mode over the files in ``folder``; its counts and seconds."""
    from claimcheck.api import Linter
    from claimcheck.cli import DOC_TIMEOUT
    from claimcheck.inputs import LoadOptions, iter_inputs
    from claimcheck.nlp.cache import cached_pipeline
    from claimcheck.parallel import check_parallel
    from claimcheck.rules import rule_phrases

    began = time.perf_counter()
    paths = sorted(str(p) for p in folder.iterdir())
    findings = docs = 0
    if mode == "dask":
        import dask.bag as db
        from distributed import Client, LocalCluster

        from claimcheck.distributed import check_bag

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None)  # fmt: skip
        with cluster, Client(cluster) as client:
            warm = db.from_sequence(paths[:4], npartitions=2).map(read_path)
            list(check_bag(warm, client=client))  # each worker loads its pipeline
            bag = db.from_sequence(paths, npartitions=-(-len(paths) // PARTITION))
            start, cpu = time.perf_counter(), time.process_time()
            for result in check_bag(bag.map(read_path), client=client):
                docs += 1
                findings += len(result.findings)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    else:
        jobs = int(mode.removeprefix("jobs"))
        ruleset, nlp = cached_pipeline(phrases=lambda rs: rule_phrases(rs.rules))  # as the CLI
        linter = Linter(ruleset, nlp=nlp)
        start, cpu = time.perf_counter(), time.process_time()
        inputs = iter_inputs([str(folder)], LoadOptions(parse_later=True))
        for result in check_parallel(linter, inputs, jobs, DOC_TIMEOUT):
            docs += 1
            findings += len(result.findings)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"docs": docs, "findings": findings, "seconds": seconds, "start_seconds": start - began,
            "driver_cpu_seconds": cpu, "load": os.getloadavg()[0]}  # fmt: skip


def measure(mode: str, folder: Path) -> dict[str, Any]:
    """Run ``mode`` in a new process, sampling its process tree's memory."""
    import psutil

    cmd = [sys.executable, __file__, "--child", mode, str(folder)]
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    root = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        total = 0
        with contextlib.suppress(psutil.Error):
            for proc in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # ended between listing and reading
                    total += proc.memory_info().rss
        peak = max(peak, total)
        time.sleep(0.1)
    out = process.stdout.read() if process.stdout else ""
    if process.returncode != 0:
        raise SystemExit(f"{mode} failed with exit code {process.returncode}")
    found: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    found["peak_mb"] = peak / 2**20
    found["docs_per_s"] = found["docs"] / found["seconds"]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--repeat", type=int, default=1, help="interleaved rounds (default 1)")
    parser.add_argument("--quick", action="store_true", help="40 posts per mode: a smoke test")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))), flush=True)
        return 0
    sizes = [40] if args.quick else sorted(args.sizes)
    runs: dict[str, dict[int, dict[str, Any]]] = {m: {} for m in args.modes}
    print(f"{'mode':<6} {'posts':>7} {'docs/s':>8} {'check s':>8} {'start s':>8} "
          f"{'peak MB':>8} {'findings':>9} {'drv cpu':>8} {'load':>5}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="cc-batch-") as tmp:
        for size in sizes:
            folder = Path(tmp) / str(size)
            write_posts(folder, size)
            for mode in args.modes:
                runs[mode][size] = {"docs_per_s": 0.0, "peak_mb": 0.0, "rounds": []}
            for _ in range(max(1, args.repeat)):
                for mode in args.modes:
                    r = runs[mode][size]
                    found = measure(mode, folder)
                    r["rounds"].append(found)
                    if found["docs_per_s"] > r["docs_per_s"]:
                        r.update({k: v for k, v in found.items() if k != "peak_mb"})
                    r["peak_mb"] = max(r["peak_mb"], found["peak_mb"])
                    print(f"{mode:<6} {size:>7,} {found['docs_per_s']:>8.1f} "
                          f"{found['seconds']:>8.1f} {found['start_seconds']:>8.1f} "
                          f"{found['peak_mb']:>8.0f} {found['findings']:>9,} "
                          f"{found['driver_cpu_seconds']:>8.1f} {found['load']:>5.1f}",
                          flush=True)  # fmt: skip
    if args.repeat > 1:
        print("kept (fastest round, highest peak):")
        for size in sizes:
            for mode in args.modes:
                r = runs[mode][size]
                print(f"{mode:<6} {size:>7,} {r['docs_per_s']:>8.1f} {r['seconds']:>8.1f} "
                      f"{r['start_seconds']:>8.1f} {r['peak_mb']:>8.0f} {r['findings']:>9,}")
    summary: dict[str, float] = {}
    small, large = sizes[0], sizes[-1]
    if large != small:
        for mode in args.modes:
            ratio = runs[mode][large]["peak_mb"] / runs[mode][small]["peak_mb"]
            summary[f"{mode} peak {large} / {small}"] = ratio
    if "jobs1" in runs and "jobs2" in runs:
        summary["jobs2 / jobs1 docs/s"] = (
            runs["jobs2"][large]["docs_per_s"] / runs["jobs1"][large]["docs_per_s"]
        )
    if "dask" in runs and "jobs1" in runs:
        summary["dask / jobs1 docs/s"] = (
            runs["dask"][large]["docs_per_s"] / runs["jobs1"][large]["docs_per_s"]
        )
    for name, value in summary.items():
        print(f"{name}: {value:.2f}x")
    counts = {m: {f["findings"] for r in runs[m].values() for f in r["rounds"]} for m in runs}
    if not args.quick:
        path = write_results("batch", {"runs": runs, "summary": summary})
        print(f"results: {path}")
    same = {size: {f["findings"] for m in runs for f in runs[m][size]["rounds"]} for size in sizes}
    if any(len(found) != 1 for found in same.values()):
        print(f"modes disagree on the number of findings: {counts}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
