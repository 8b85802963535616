"""The CBS-table fuzzer: mutated copies of a real KWB table (Utrecht 2019, reduced) read through
`wijksim validate` by a scenario that selects two buurten and the gemeente. Mutations replace cells
with counts beyond int, negative, non-numeric or empty values, duplicate or drop header columns, break
the field count or the quoting, flip bytes, insert NULs and truncate the file."""
from __future__ import annotations

import json
from pathlib import Path

from tests.fuzz.common import SHARED, WIJKSIM, Outcome, case_random, judge

NAME = "cbs"
SOURCE = SHARED / "data" / "cbs-kwb" / "utrecht_2019_84583NED_reduced.csv"
HOSTILE_CELLS = ["2147483648", "4294967296", "99999999999999999999", "1e308", "1e400", "-1", "-2147483649", "",
                 ".", "x", "-", "abc", "NaN", "inf", "1,5", "0", "\"", "\"\"", "12;34", "\x00", "  7  ", "1e6",
                 "1000001", "2000000000"]
SELECTIONS = [{"buurten": ["BU03440831", "BU03440832"]}, {"gemeenten": ["GM0344"]}, {"wijken": ["WK034408"]},
              {"buurten": ["BU03440831", "BU99999999"]}]


def mutate(lines: list[str], rng) -> list[str]:
    header = lines[0].split(";")
    # A table already cut down to its header (or less) can only be damaged further byte by byte.
    choice = rng.randrange(7) if len(lines) > 1 and len(header) > 1 else rng.randrange(5, 7)
    if choice <= 2:  # cells
        for _ in range(rng.randint(1, 4)):
            row = rng.randrange(1, len(lines))
            fields = lines[row].split(";")
            column = rng.randrange(len(fields))
            fields[column] = '"' + rng.choice(HOSTILE_CELLS) + '"' if rng.random() < 0.5 else rng.choice(HOSTILE_CELLS)
            lines[row] = ";".join(fields)
    elif choice == 3:  # the header
        if rng.random() < 0.5:
            column = rng.randrange(1, len(header))
            header[rng.randrange(1, len(header))] = header[column]
        else:
            del header[rng.randrange(len(header))]
        lines[0] = ";".join(header)
    elif choice == 4:  # rows
        row = rng.randrange(1, len(lines))
        if rng.random() < 0.5:
            lines.insert(row, lines[row])
        else:
            lines[row] = lines[row] + ";" * rng.randint(1, 3)
    else:
        data = bytearray("\n".join(lines).encode("latin-1", "replace"))
        if choice == 5:
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        else:
            del data[rng.randrange(len(data)):]
        return data.decode("latin-1").split("\n")
    return lines


def run_case(seed: int, case: int, case_dir: Path) -> tuple[Outcome, str]:
    rng = case_random(NAME, seed, case)
    lines = SOURCE.read_text(encoding="utf-8-sig").split("\n")
    for _ in range(rng.choice([1, 1, 2, 3])):
        lines = mutate(lines, rng)
    table = case_dir / "table.csv"
    table.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape") if rng.random() < 0.9
                      else "\n".join(lines).encode("latin-1", "replace"))
    scenario = case_dir / "scenario.json"
    selection = rng.choice(SELECTIONS)
    scenario.write_text(json.dumps({
        "name": "fuzz", "replicates": 1, "horizon_ticks": 3,
        "municipality": {"cbs": {"file": str(table), "scale": rng.choice([1.0, 0.1, 0.001]), **selection}},
        "government": {"role": "inviting"}}))
    command = [WIJKSIM, "validate", str(scenario)]
    return judge(command, case_dir)[0], " ".join(command)
