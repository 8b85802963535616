"""The result-file fuzzer: corrupted copies of a real result file (flipped bytes, zeroed or random
blocks, truncation, appended bytes) read by `wijksim info` and by the analysis package. Each reader must
either refuse the file (exit 2 / ResultFileError) or give exactly what it gives for the intact file:
different output with success counts as "different", the worst failure of all."""
from __future__ import annotations

import hashlib
import json
import subprocess
import threading
from pathlib import Path

from tests.fuzz.common import PYTHON, REPO, TIMEOUT_SECONDS, WIJKSIM, Outcome, case_random, judge

NAME = "result"
SCENARIO = REPO / "tests" / "experiment" / "data" / "small_base.json"

# Reads each path given on stdin and prints one JSON line per file: the digest of everything load_run
# returns, or the error it refused the file with.
ANALYSIS_WORKER = r"""
import hashlib, json, sys
import pandas as pd
from analysis.load import load_run, AnalysisInputError
for line in sys.stdin:
    path = line.strip()
    try:
        run = load_run(path)
        digest = hashlib.sha256()
        digest.update(json.dumps(run.meta, sort_keys=True, default=str).encode())
        digest.update(pd.util.hash_pandas_object(run.series, index=False).values.tobytes())
        for name in sorted(run.tables):
            digest.update(name.encode())
            digest.update(pd.util.hash_pandas_object(run.tables[name].astype(str), index=False).values.tobytes())
        print(json.dumps({"path": path, "digest": digest.hexdigest()}), flush=True)
    except AnalysisInputError as error:
        print(json.dumps({"path": path, "refused": str(error)[:300]}), flush=True)
    except Exception as error:
        print(json.dumps({"path": path, "error": f"{type(error).__name__}: {error}"[:300]}), flush=True)
"""


class AnalysisReader:
    """One long-lived Python process reading files with the analysis package; restarted after a crash."""

    def __init__(self):
        self._lock = threading.Lock()
        self._process = None

    def _start(self):
        self._process = subprocess.Popen([PYTHON, "-c", ANALYSIS_WORKER], cwd=REPO, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)

    def read(self, path: Path) -> dict:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._start()
            self._process.stdin.write(f"{path}\n")
            self._process.stdin.flush()
            answer: list[str] = []
            reader = threading.Thread(target=lambda: answer.append(self._process.stdout.readline()))
            reader.start()
            reader.join(TIMEOUT_SECONDS)
            if reader.is_alive():
                self._process.kill()
                reader.join()
                self._process = None
                return {"hang": True}
            if not answer or not answer[0]:
                code = self._process.wait()
                self._process = None
                return {"crash": f"the analysis process died (status {code})"}
            return json.loads(answer[0])

    def close(self):
        if self._process is not None and self._process.poll() is None:
            self._process.stdin.close()
            self._process.wait()


class Baseline:
    """The intact file and what each reader makes of it, prepared once per fuzzing session."""

    def __init__(self, folder: Path, reader: AnalysisReader):
        self.file = folder / "intact.h5"
        subprocess.run([WIJKSIM, "run", str(SCENARIO), "-o", str(self.file), "--replicates", "2", "--threads", "1"],
                       check=True, capture_output=True)
        self.bytes = self.file.read_bytes()
        self.info = subprocess.run([WIJKSIM, "info", str(self.file)], check=True, capture_output=True).stdout
        self.digest = reader.read(self.file)["digest"]


def corrupt(data: bytes, rng) -> bytes:
    data = bytearray(data)
    choice = rng.randrange(6)
    if choice <= 1:
        for _ in range(1 if choice == 0 else rng.randint(2, 16)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif choice == 2:
        at, length = rng.randrange(len(data)), rng.choice([8, 64, 512, 4096])
        data[at:at + length] = bytes(min(length, len(data) - at))
    elif choice == 3:
        at, length = rng.randrange(len(data)), rng.choice([8, 64, 512])
        data[at:at + length] = bytes(rng.randrange(256) for _ in range(min(length, len(data) - at)))
    elif choice == 4:
        del data[rng.randrange(len(data)):]
    else:
        data += bytes(rng.randrange(256) for _ in range(rng.randint(1, 4096)))
    return bytes(data)


def run_case(seed: int, case: int, case_dir: Path, baseline: Baseline, reader: AnalysisReader) -> tuple[Outcome, str]:
    rng = case_random(NAME, seed, case)
    damaged = case_dir / "damaged.h5"
    data = corrupt(baseline.bytes, rng)
    if data == baseline.bytes:
        data = data + b"\0"
    damaged.write_bytes(data)
    command = [WIJKSIM, "info", str(damaged)]
    outcome, result = judge(command, case_dir)
    if outcome.kind == "accepted" and result.stdout.replace(str(damaged).encode(), str(baseline.file).encode()) != baseline.info:
        return Outcome("different", "wijksim info printed something else than for the intact file"), " ".join(command)
    if outcome.kind != "accepted" and outcome.kind != "refused":
        return outcome, " ".join(command)
    answer = reader.read(damaged)
    command_text = f"analysis.load.load_run('{damaged}')"
    if "hang" in answer:
        return Outcome("hang", "the analysis reader did not answer"), command_text
    if "crash" in answer:
        return Outcome("crash", answer["crash"]), command_text
    if "error" in answer:
        return Outcome("exit_1", "analysis raised " + answer["error"]), command_text
    if "digest" in answer and answer["digest"] != baseline.digest:
        return Outcome("different", "the analysis package read different data"), command_text
    return outcome if "digest" in answer or outcome.kind == "refused" else Outcome("refused"), command_text
