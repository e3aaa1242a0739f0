"""Benchmark: `thidua export` (no PDF) of a synthetic province-wide campaign of 1.000 units.

Usage: python bench/bench_export.py [--units 1000] [--nominees 100] [--workers 2,1]
                                    [--repeat 3] [--profile] [--what-if share,early] [--keep DIR]

Generates the campaign with bench/synthetic.py (3 groups, every seed rule kind incl.
report_timeliness with a monthly submission log, a year-end period with ranks, prizes, caps and
individual quotas, ~100 nominations, narratives for every awarded unit and nominee), validates
it with load_campaign, then runs thidua.export.bulk.export(pdf=False) --repeat times per worker
count, each run in a fresh Python process so that memory figures do not mix. Prints documents,
seconds (median and best of the runs; the machine may be shared), documents/second, CPU
seconds, the time of each phase and peak memory (worst run):

  main maxrss      getrusage(RUSAGE_SELF).ru_maxrss of the exporting process: scoring, every
                   document's context, and the rendered .docx bytes of the whole run, which
                   the main process holds until the folders are written.
  worker maxrss    getrusage(RUSAGE_CHILDREN).ru_maxrss after the pool is shut down: the peak
                   RSS of the largest single worker. Workers are forked, so this includes the
                   pages they share copy-on-write with the main process.
  tree RSS / PSS   /proc sampled every 50 ms: the sum over main + live workers at the same
                   moment. PSS divides shared pages among the processes sharing them, so tree
                   PSS is the memory the export really occupies; tree RSS over-counts.

Goals: under 60 s with 2 workers on 2 cores, under 500 MB (judged on tree PSS; main maxrss +
workers × worker maxrss is shown as an upper bound). --profile runs cProfile on one extra
workers=1 export and prints where the time goes. --what-if measures prototypes of the fixes
RESULTS.md recommends, patched into the benchmark process only (src/ is untouched):
share = results_data computed once per period and shared by every document's context;
freeze = gc.freeze() just before the pool forks its workers; early = the pool's workers forked
before planning (from the small heap), not after it. The PDF comparison is
bench/bench_pdf.py. Exit status 1 when the export as is misses a goal or fails a document.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import io
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from synthetic import PERIOD, build_campaign

from thidua.campaign.loading import load_campaign
from thidua.scoring.pipeline import score_period

GOAL_SECONDS = 60
GOAL_MB = 500
PHASES = ("plan_jobs", "_finish_folder")  # rendering streams: it is the remainder


class TreeSampler(threading.Thread):
    """Peak of the summed RSS and PSS of this process and its children, from /proc."""

    def __init__(self, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.peak_rss = self.peak_pss = self.peak_procs = 0
        self._halt = threading.Event()

    @staticmethod
    def _tree() -> list[int]:
        me, pids = os.getpid(), [os.getpid()]
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    stat = Path(entry.path, "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                    pids.append(int(entry.name))
        return pids

    @staticmethod
    def _rollup(pid: int) -> tuple[int, int]:
        rss = pss = 0
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
        except OSError:
            pass
        return rss, pss

    def run(self) -> None:
        while not self._halt.is_set():
            pids = self._tree()
            sizes = [self._rollup(pid) for pid in pids]
            self.peak_rss = max(self.peak_rss, sum(r for r, _ in sizes))
            self.peak_pss = max(self.peak_pss, sum(p for _, p in sizes))
            self.peak_procs = max(self.peak_procs, len(pids))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _timed_phases(module, seconds: dict[str, float]) -> None:
    """Wrap export's phase functions (module globals) so each one's wall time adds up."""
    for name in PHASES:
        inner = getattr(module, name)

        def wrapper(*args, _inner=inner, _name=name, **kwargs):
            start = time.perf_counter()
            try:
                return _inner(*args, **kwargs)
            finally:
                seconds[_name] = seconds.get(_name, 0.0) + time.perf_counter() - start

        setattr(module, name, wrapper)


def _apply_what_if(options: set[str], export_module, workers: int) -> None:
    """Prototype the recommended fixes in this process (see RESULTS.md)."""
    if "share" in options:
        import thidua.documents.context_dossier as dossier
        import thidua.documents.context_results as results
        import thidua.documents.context_units as units

        computed: dict[tuple, dict] = {}
        original = results.results_data

        def shared(loaded, period, result, award_ids=None):
            key = (id(result), period.id, None if award_ids is None else frozenset(award_ids))
            if key not in computed:
                computed[key] = original(loaded, period, result, award_ids)
            return dict(computed[key])  # callers update() the top level only

        units.results_data = dossier.results_data = shared
    if "freeze" in options:
        base = export_module.ProcessPoolExecutor

        class FrozenHeapPool(base):
            def __init__(self, *args, **kwargs):
                gc.collect()
                gc.freeze()  # the planning heap is never touched by the workers' GC
                super().__init__(*args, **kwargs)

        export_module.ProcessPoolExecutor = FrozenHeapPool
    if "early" in options and workers > 1:
        pool = export_module.ProcessPoolExecutor(max_workers=workers)
        pool.submit(int).result()  # forks every worker now, from the small pre-planning heap

        class EarlyPool:
            def __init__(self, *args, **kwargs):
                pass

            def map(self, *args, **kwargs):
                return pool.map(*args, **kwargs)

            def shutdown(self, *args, **kwargs):
                pool.shutdown(*args, **kwargs)

        export_module.ProcessPoolExecutor = EarlyPool


def measure(folder: Path, out: Path, workers: int, profile: Path | None,
            what_if: set[str]) -> dict:
    """One export in this (fresh) process; the figures as a dict."""
    import thidua.export.bulk as export_module

    sampler = TreeSampler()
    sampler.start()
    start = time.perf_counter()
    loaded = load_campaign(folder)
    load_seconds = time.perf_counter() - start
    phases: dict[str, float] = {}
    _apply_what_if(what_if, export_module, workers)
    _timed_phases(export_module, phases)
    profiler = cProfile.Profile() if profile else None
    before = resource.getrusage(resource.RUSAGE_SELF)
    if profiler:
        profiler.enable()
    summary = export_module.export([loaded], out, pdf=False, make_zip=False, force=True,
                                   workers=workers)
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                          resource.RUSAGE_CHILDREN))
    sampler.stop()
    files = sorted(out.rglob("*.docx"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(out).as_posix().encode() + path.read_bytes())
    return {
        "workers": workers, "documents": summary.documents, "written": len(files),
        "bytes": sum(p.stat().st_size for p in files), "sha256": digest.hexdigest(),
        "failures": summary.failures[:5], "seconds": summary.seconds,
        "load_seconds": load_seconds, "phases": phases,
        "cpu_main": own.ru_utime + own.ru_stime - before.ru_utime - before.ru_stime,
        "cpu_workers": children.ru_utime + children.ru_stime,
        "main_maxrss_mb": own.ru_maxrss / 1024, "worker_maxrss_mb": children.ru_maxrss / 1024,
        "tree_rss_mb": sampler.peak_rss / 1024, "tree_pss_mb": sampler.peak_pss / 1024,
        "processes": sampler.peak_procs,
    }


def run_child(folder: Path, out: Path, workers: int, profile: Path | None = None,
              what_if: str = "") -> dict:
    command = [sys.executable, __file__, "--measure", str(folder), "--out", str(out),
               "--workers", str(workers), "--what-if", what_if]
    if profile:
        command += ["--profile-file", str(profile)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"đo với workers={workers} thất bại (mã {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def combine(runs: list[dict]) -> dict:
    """Median/best time and worst memory over repeated runs of one configuration."""
    seconds = [r["seconds"] for r in runs]
    out = dict(runs[0], seconds=statistics.median(seconds), best=min(seconds), runs=len(runs))
    for key in ("cpu_main", "cpu_workers", "load_seconds"):
        out[key] = statistics.median(r[key] for r in runs)
    out["phases"] = {p: statistics.median(r["phases"].get(p, 0.0) for r in runs)
                     for p in PHASES}
    for key in ("main_maxrss_mb", "worker_maxrss_mb", "tree_rss_mb", "tree_pss_mb"):
        out[key] = max(r[key] for r in runs)
    out["failures"] = [f for r in runs for f in r["failures"]][:5]
    out["identical"] = len({r["sha256"] for r in runs}) == 1
    return out


def upper_bound(run: dict) -> float:
    pool = run["worker_maxrss_mb"] * run["workers"] if run["workers"] > 1 else 0
    return run["main_maxrss_mb"] + pool


def show(label: str, run: dict, expected: int) -> None:
    docs, seconds = run["documents"], run["seconds"]
    phases = run["phases"]
    print(f"\n== {label} ==")
    print(f"documents: {docs} (expected {expected}, .docx on disk {run['written']}, "
          f"{run['bytes'] / 1e6:.1f} MB); failures: {len(run['failures'])}; "
          f"same bytes in every run: {'yes' if run['identical'] else 'NO'}")
    for failure in run["failures"]:
        print(f"  ! {failure[:300]}")
    print(f"export(): median {seconds:.2f} s, best {run['best']:.2f} s of {run['runs']} runs "
          f"= {docs / seconds:.0f} documents/s (best {docs / run['best']:.0f}); "
          f"load_campaign before it {run['load_seconds']:.2f} s")
    plan, finish = (phases.get(p, 0.0) for p in PHASES)
    print(f"  CPU: main {run['cpu_main']:.1f} s + workers {run['cpu_workers']:.1f} s; phases: "
          f"plan (score + contexts) {plan:.2f} s, render into staging "
          f"{max(0.0, run['best'] - plan - finish):.2f} s, finish folders {finish:.2f} s")
    workers = (f"largest worker maxrss {run['worker_maxrss_mb']:.0f} MB"
               if run["workers"] > 1 else "no worker processes")
    print(f"memory: main maxrss {run['main_maxrss_mb']:.0f} MB, {workers}; sampled peak of "
          f"the whole tree ({run['processes']} processes): RSS {run['tree_rss_mb']:.0f} MB, "
          f"PSS {run['tree_pss_mb']:.0f} MB")


def print_profile(path: Path, limit: int = 30) -> None:
    for order in ("tottime", "cumulative"):
        buffer = io.StringIO()
        pstats.Stats(str(path), stream=buffer).strip_dirs().sort_stats(order).print_stats(limit)
        text = buffer.getvalue()
        print(f"\n== cProfile, workers=1, top {limit} by {order} ==")
        print(text[text.find("   ncalls"):].rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--nominees", type=int, default=100)
    parser.add_argument("--workers", default="2,1", help="worker counts, e.g. 2,1")
    parser.add_argument("--repeat", type=int, default=3, help="runs per worker count")
    parser.add_argument("--profile", action="store_true", help="cProfile a workers=1 run")
    parser.add_argument("--what-if", default="", help="also measure prototypes: share,freeze,early")
    parser.add_argument("--keep", type=Path, help="generate into DIR (new) and keep it")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    what_if = {w for w in args.what_if.split(",") if w}
    if args.measure:
        figures = measure(args.measure, args.out, int(args.workers), args.profile_file, what_if)
        print(json.dumps(figures))
        return 0
    if args.keep and args.keep.exists():
        parser.error(f"{args.keep} đã tồn tại; hãy chọn một thư mục mới")

    temp = None if args.keep else tempfile.TemporaryDirectory(prefix="thidua-bench-export-")
    root = args.keep or Path(temp.name)
    try:
        start = time.perf_counter()
        synthetic = build_campaign(root / "tinh-dong-thap", args.units, args.nominees)
        generated = time.perf_counter() - start
        loaded = load_campaign(synthetic.folder)      # raises CampaignError when invalid
        result = score_period(loaded, PERIOD)
        expected = 1 + 3 + len(result.awarded) + len(result.nominations) + len(result.units) + 1
        print(f"campaign: {synthetic.units} units {synthetic.groups}, {len(result.awarded)} "
              f"awarded units, {len(result.nominations)} nominees, {synthetic.narratives} "
              f"narratives; generated in {generated:.1f} s; load_campaign: "
              f"{len(loaded.warnings)} warnings; {os.cpu_count()} CPUs, load average "
              f"{os.getloadavg()[0]:.1f}")
        variants = [("", "export as is")]
        if what_if:
            variants.append((",".join(sorted(what_if)), f"what-if {','.join(sorted(what_if))}"))
        combined = []
        for workers in (int(w) for w in args.workers.split(",")):
            for option, label in variants:
                runs = [run_child(synthetic.folder, root / f"out-{workers}-{option}-{i}",
                                  workers, what_if=option) for i in range(args.repeat)]
                combined.append((label, combine(runs)))
                show(f"workers = {workers}, {label}", combined[-1][1], expected)
        if len({run["sha256"] for _, run in combined}) > 1:
            print("\n!! the documents differ between worker counts or variants (or templates/src "
                  "changed while this ran: then run it again)")
        if args.profile:
            profile = root / "export.prof"
            run_child(synthetic.folder, root / "out-profile", 1, profile)
            print_profile(profile)
        print(f"\n== goals: < {GOAL_SECONDS} s with 2 workers, < {GOAL_MB} MB ==")
        ok = True
        for label, run in combined:
            fast = run["seconds"] < GOAL_SECONDS
            small = run["tree_pss_mb"] < GOAL_MB
            if not label.startswith("what-if"):
                ok &= small and (fast or run["workers"] != 2) and not run["failures"]
            print(f"workers={run['workers']}, {label}: {run['seconds']:.1f} s "
                  f"({'<' if fast else '≥'} {GOAL_SECONDS} s), tree PSS "
                  f"{run['tree_pss_mb']:.0f} MB ({'<' if small else '≥'} {GOAL_MB} MB; upper "
                  f"bound main + workers × worker maxrss = {upper_bound(run):.0f} MB)")
        return 0 if ok else 1
    finally:
        if temp:
            temp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
