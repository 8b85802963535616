"""What every fuzzer shares: running the real executable on one case and judging the outcome.

A case passes when the program exits 0 (accepted) or 2 (refused with a message naming the file), within
the time limit and without a signal. Exit status 1 on bad input, a signal (a crash) or a timeout (a hang)
are failures; each failure's input is kept under the failures folder with the command that reproduces it.
"""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WIJKSIM = str(Path(os.environ.get("WIJKSIM_BIN", REPO / "build" / "wijksim")).resolve())
SHARED = REPO.parent / "shared"
PYTHON = "/usr/bin/python3"
TIMEOUT_SECONDS = 60

OUTCOMES = ("accepted", "refused", "exit_1", "crash", "hang", "different", "fuzzer_error")
FAILURES = ("exit_1", "crash", "hang", "different", "fuzzer_error")


def case_random(fuzzer: str, seed: int, case: int) -> random.Random:
    """One independent, reproducible random stream per (fuzzer, seed, case)."""
    return random.Random(f"{fuzzer}:{seed}:{case}")


@dataclass
class Outcome:
    kind: str  # one of OUTCOMES
    detail: str = ""


def judge(command: list[str], cwd: Path, timeout: float = TIMEOUT_SECONDS, env: dict | None = None) -> tuple[Outcome, subprocess.CompletedProcess | None]:
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return Outcome("hang", f"no exit within {timeout} s"), None
    stderr = result.stderr.decode("utf-8", "replace").strip()
    if result.returncode < 0:
        return Outcome("crash", f"signal {-result.returncode}: {stderr[-300:]}"), result
    if result.returncode == 0:
        return Outcome("accepted"), result
    if result.returncode == 2:
        if not stderr:
            return Outcome("exit_1", "exit 2 without a message"), result
        return Outcome("refused", stderr.splitlines()[0][:300]), result
    return Outcome("exit_1", f"exit {result.returncode}: {stderr[-300:]}"), result


@dataclass
class Tally:
    fuzzer: str
    counts: dict = field(default_factory=lambda: {kind: 0 for kind in OUTCOMES})
    failures: list = field(default_factory=list)

    def add(self, case: int, outcome: Outcome, keep: Path | None, failures_dir: Path, command: str) -> None:
        self.counts[outcome.kind] += 1
        if outcome.kind not in FAILURES:
            return
        kept = failures_dir / f"{self.fuzzer}-{case}"
        if keep is not None:
            kept.mkdir(parents=True, exist_ok=True)
            for item in keep.iterdir():
                if item.is_file() and item.stat().st_size < 64 << 20:
                    shutil.copy(item, kept / item.name)
        self.failures.append(f"{self.fuzzer} case {case}: {outcome.kind}: {outcome.detail} [{command}] (input in {kept})")

    @property
    def cases(self) -> int:
        return sum(self.counts.values())

    def line(self) -> str:
        return f"{self.fuzzer:10s} " + "  ".join(f"{kind} {self.counts[kind]}" for kind in OUTCOMES)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
