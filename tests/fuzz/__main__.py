"""Run the kept fuzzers: `/usr/bin/python3 -m tests.fuzz [--scenario N] [--cbs N] [--result N] [--seed S]`.

Deterministic: the same seed and case numbers give the same inputs. Prints one line of outcome counts per
fuzzer and every failure with the command that reproduces it; exits 1 if any case failed (exit status 1
on bad input, a crash, a hang or a silently different reading of a corrupted file).

The short pass in CI: the defaults (a few hundred cases, under two minutes on two cores).
The long run (docs/reliability.md):
    nice -n 19 /usr/bin/python3 -m tests.fuzz --scenario 20000 --cbs 2000 --result 2000 --jobs 2
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.fuzz import cbs_tables, results, scenarios
from tests.fuzz.common import Outcome, Tally, log


def run_fuzzer(name: str, count: int, first: int, jobs: int, work: Path, failures: Path, case_function) -> Tally:
    tally = Tally(name)
    started = time.monotonic()

    def one(case: int):
        case_dir = work / f"{name}-{case}"
        case_dir.mkdir()
        try:
            outcome, command = case_function(case, case_dir)
        except Exception as error:  # a bug in the fuzzer itself: counted, and the run goes on
            outcome, command = Outcome("fuzzer_error", repr(error)), f"case {case}"
        try:
            tally.add(case, outcome, case_dir, failures, command)
        finally:
            shutil.rmtree(case_dir, ignore_errors=True)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for done, _ in enumerate(pool.map(one, range(first, first + count)), start=1):
            if done % 500 == 0:
                log(f"  {name}: {done}/{count} cases, {time.monotonic() - started:.0f} s")
    log(f"{tally.line()}  ({time.monotonic() - started:.0f} s)")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tests.fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", type=int, default=200, help="scenario cases (default 200)")
    parser.add_argument("--cbs", type=int, default=60, help="CBS-table cases (default 60)")
    parser.add_argument("--result", type=int, default=60, help="corrupted result files (default 60)")
    parser.add_argument("--seed", type=int, default=1, help="fuzzing seed (default 1)")
    parser.add_argument("--first", type=int, default=0, help="number of the first case (to resume a long run)")
    parser.add_argument("--jobs", type=int, default=2, help="cases run side by side (default 2)")
    parser.add_argument("--failures", type=Path, default=Path(tempfile.gettempdir()) / "wijksim-fuzz-failures",
                        help="where the inputs of failing cases are kept")
    args = parser.parse_args(argv)

    started = time.monotonic()
    tallies = []
    with tempfile.TemporaryDirectory(prefix="wijksim-fuzz-") as folder:
        work = Path(folder)
        reader = results.AnalysisReader()
        try:
            tallies.append(run_fuzzer("scenario", args.scenario, args.first, args.jobs, work, args.failures,
                                      lambda case, case_dir: scenarios.run_case(args.seed, case, case_dir)))
            tallies.append(run_fuzzer("cbs", args.cbs, args.first, args.jobs, work, args.failures,
                                      lambda case, case_dir: cbs_tables.run_case(args.seed, case, case_dir)))
            if args.result > 0:
                baseline = results.Baseline(work, reader)
                tallies.append(run_fuzzer("result", args.result, args.first, args.jobs, work, args.failures,
                                          lambda case, case_dir: results.run_case(args.seed, case, case_dir,
                                                                                   baseline, reader)))
        finally:
            reader.close()
    failures = [failure for tally in tallies for failure in tally.failures]
    print(f"fuzzing seed {args.seed}, cases {args.first}..: {time.monotonic() - started:.0f} s")
    for tally in tallies:
        print(tally.line())
    for failure in failures:
        print("FAILED " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
