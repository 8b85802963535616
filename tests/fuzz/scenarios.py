"""The scenario fuzzer: mutated scenario files through `wijksim validate` (and, for small accepted ones,
`wijksim run`). Mutations are structural (a value replaced by a hostile one, a key removed or misspelt,
deep nesting, `extends` and `municipality.cbs.file` pointed at devices, folders, other files or paths
with a NUL) and textual (duplicate keys, numbers beyond a double, flipped bytes, truncation)."""
from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

from tests.fuzz.common import REPO, SHARED, WIJKSIM, Outcome, case_random, judge

NAME = "scenario"
# The whole-country scenario is left out: validating it reads national tables for seconds per case.
CORPUS = sorted(path for path in (REPO / "scenarios").rglob("*.json")
                if "experiments" not in path.parts and path.name != "netherlands.json")
CORPUS.append(REPO / "tests" / "experiment" / "data" / "small_base.json")

HOSTILE_VALUES = [None, True, False, -1, 0, 1, 2 ** 31, 2 ** 32 + 1, 2 ** 63, -2 ** 63, 1e308, -1e308, 5e-324,
                  0.5, 1e9, 123456789012, "", "x" * 5000, "a\u0000b", "inviting", "BU03440831", [], {}, [1, 2, 3],
                  {"a": 1}, ["BU03440831", "BU03440831"]]
HOSTILE_PATHS = ["/dev/zero", "/dev/null", "/dev/stdin", "/", "/proc/self/status", str(REPO / "scenarios"),
                 str(SHARED / "data" / "cbs-kwb" / "utrecht_2019_84583NED_reduced.csv"), "missing.json",
                 "a" * 300 + ".json", "x" * 5000, "base\u0000.json", "scenario.json", str(REPO / "README.md"),
                 str(REPO / "scenarios" / "base.json")]
TEXT_NUMBERS = ["1e309", "-1e309", "1e-400", "123456789012345678901234567890", "-0", "0.0000001", "4294967296"]


def absolute_paths(document: dict, source: Path) -> dict:
    """The mutated copy lives elsewhere, so relative `extends` and CBS paths are made absolute first."""
    def fix(value):
        return str((source.parent / value).resolve()) if isinstance(value, str) and not os.path.isabs(value) else value
    if "extends" in document:
        document["extends"] = fix(document["extends"])
    cbs = document.get("municipality", {}).get("cbs") if isinstance(document.get("municipality"), dict) else None
    if isinstance(cbs, dict):
        if "file" in cbs:
            cbs["file"] = fix(cbs["file"])
        if isinstance(cbs.get("detail"), list):
            cbs["detail"] = [fix(item) for item in cbs["detail"]]
    return document


def nodes(value, path=()):
    """Every (parent, key) pair in the document, for picking a place to mutate."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield value, key
            yield from nodes(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield value, index
            yield from nodes(child, path + (index,))


def misspell(word: str, rng: random.Random) -> str:
    if not word:
        return "x"
    at = rng.randrange(len(word))
    return word[:at] + rng.choice("abcdefghijklmnopqrstuvwxyz_") + word[at + 1:]


def deep(depth: int, rng: random.Random):
    """Nesting `depth` levels deep, built iteratively (Python's json would recurse on it anyway, so the
    text is made by hand)."""
    opener, closer = ('{"a":', "}") if rng.random() < 0.5 else ("[", "]")
    return opener * depth + "1" + closer * depth


def structural(document: dict, rng: random.Random, case_dir: Path) -> str:
    places = list(nodes(document))
    choice = rng.randrange(8)
    if choice == 0 and places:
        parent, key = rng.choice(places)
        parent[key] = rng.choice(HOSTILE_VALUES)
    elif choice == 1 and places:
        parent, key = rng.choice(places)
        if isinstance(parent, dict):
            del parent[key]
    elif choice == 2 and places:
        parent, key = rng.choice(places)
        if isinstance(parent, dict):
            parent[misspell(str(key), rng)] = parent[key]
    elif choice == 3:
        document["extends"] = rng.choice(HOSTILE_PATHS + [str(case_dir / "scenario.json")])
    elif choice == 4:
        municipality = document.setdefault("municipality", {}) if isinstance(document.get("municipality", {}), dict) else {}
        municipality["buurt_types"] = []
        municipality["cbs"] = {"file": rng.choice(HOSTILE_PATHS), "buurten": ["BU03440831"]}
    elif choice == 5:
        document[rng.choice(["replicates", "horizon_ticks", "seed"])] = rng.choice(
            [100000, 2 ** 31, 10 ** 9, -5, 0, 1.5, 2 ** 53])
    elif choice == 6:
        municipality = document.get("municipality")
        types = municipality.get("buurt_types") if isinstance(municipality, dict) else None
        if isinstance(types, list) and types and isinstance(types[0], dict):
            types[0][rng.choice(["count", "residents"])] = rng.choice([10000, 1000000, 2 ** 31, 2 ** 40, -1])
    else:
        return json.dumps(document)[:-1] + ', "deep": ' + deep(rng.choice([10, 63, 64, 65, 200, 5000, 60000]), rng) + "}"
    return json.dumps(document, ensure_ascii=rng.random() < 0.5)


def textual(text: str, rng: random.Random) -> str:
    choice = rng.randrange(5)
    if choice == 0:  # a key given twice
        match = rng.choice(list(re.finditer(r'"([a-z_]+)"\s*:', text)) or [None])
        if match:
            return text[:match.start()] + f'"{match.group(1)}": 1, ' + text[match.start():]
    if choice == 1:
        numbers = list(re.finditer(r"(?<![\w.])-?\d+(\.\d+)?([eE][-+]?\d+)?", text))
        if numbers:
            match = rng.choice(numbers)
            return text[:match.start()] + rng.choice(TEXT_NUMBERS) + text[match.end():]
    data = bytearray(text.encode())
    if not data:  # an earlier mutation truncated everything
        return rng.choice(["{", "}", "[", "\"", "{\"extends\": "])
    if choice == 2:
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif choice == 3:
        del data[rng.randrange(len(data)):]
    else:
        at = rng.randrange(len(data))
        data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return data.decode("latin-1")


def make_case(seed: int, case: int, case_dir: Path) -> Path:
    rng = case_random(NAME, seed, case)
    source = rng.choice(CORPUS)
    document = absolute_paths(json.loads(source.read_text()), source)
    text = json.dumps(document, indent=2)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if rng.random() < 0.6:
            text = structural(json.loads(text) if _is_json(text) else document, rng, case_dir)
        else:
            text = textual(text, rng)
    scenario = case_dir / "scenario.json"
    scenario.write_bytes(text.encode("latin-1", "replace") if not _is_utf8(text) else text.encode())
    return scenario


def _is_json(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return False


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def run_case(seed: int, case: int, case_dir: Path) -> tuple[Outcome, str]:
    scenario = make_case(seed, case, case_dir)
    command = [WIJKSIM, "validate", str(scenario)]
    outcome, result = judge(command, case_dir)
    if outcome.kind != "accepted" or case % 10 != 0:
        return outcome, " ".join(command)
    match = re.search(rb"(\d+) residents aged 15\+", result.stdout)
    if not match or int(match.group(1)) > 20000:
        return outcome, " ".join(command)
    out = case_dir / "out.h5"
    command = [WIJKSIM, "run", str(scenario), "-o", str(out), "--horizon", "3", "--replicates", "1", "--threads", "1"]
    outcome, result = judge(command, case_dir)
    leftovers = [path.name for path in case_dir.iterdir() if ".tmp-" in path.name]
    if leftovers:
        return Outcome("exit_1", f"left temporary files {leftovers}"), " ".join(command)
    if outcome.kind == "accepted" and not out.is_file():
        return Outcome("exit_1", "exit 0 without the result file"), " ".join(command)
    return outcome, " ".join(command)
