#!/usr/bin/env python3
"""Prints one FUZZING.md table row per campaign log (fuzz/logs/TARGET-DATE.log, written by
fuzz/run.sh), from libFuzzer's own lines: `Done N runs in S second(s)`, the last status
line (`#N DONE cov: ... corp: FILES/SIZE ... exec/s: R`) and `Test unit written to ...`
for each crash, timeout or out-of-memory input. The "fixed by" column is left for the
person recording the campaign.

    python3 fuzz/summary.py [LOG...]     (default: every log, oldest first)
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LOGS = ROOT / "fuzz" / "logs"


def row(path):
    name = path.stem  # TARGET-YYYYMMDDTHHMMSSZ
    target, stamp = name.rsplit("-", 1)
    date = f"{stamp[0:4]}-{stamp[4:6]}-{stamp[6:8]} {stamp[9:11]}:{stamp[11:13]}Z"
    text = path.read_text(errors="replace")
    commit = re.search(r"^# commit (\S+)", text, re.M)
    status = re.findall(r"^#(\d+)\s+\S+\s+cov: .*?corp: (\d+)/(\S+).*?exec/s: (\d+)", text, re.M)
    done = re.search(r"^Done (\d+) runs in (\d+) second", text, re.M)
    stats = dict(re.findall(r"^stat::(\w+):\s+(\d+)", text, re.M))
    units = re.findall(r"Test unit written to \S*/(\S+)", text)
    if done:
        execs, seconds = int(done.group(1)), int(done.group(2))
    elif "number_of_executed_units" in stats:
        execs, seconds = int(stats["number_of_executed_units"]), None
    else:
        execs, seconds = (int(status[-1][0]) if status else 0), None
    rate = stats.get("average_exec_per_sec") or (status[-1][3] if status else "?")
    corpus = f"{status[-1][1]} ({status[-1][2]})" if status else "?"
    crashes = ", ".join(f"`{u[:18]}…`" for u in units) or "0"
    return (
        f"| {date} | {commit.group(1) if commit else '?'} | {target} | "
        f"{seconds if seconds is not None else '?'} | {execs:,} | {rate} | {corpus} | "
        f"{crashes} | |"
    )


def main():
    paths = [pathlib.Path(p) for p in sys.argv[1:]] or sorted(
        LOGS.glob("*.log"), key=lambda p: p.stem.rsplit("-", 1)[1]
    )
    print("| date (UTC) | commit | target | seconds | executions | exec/s | corpus (files) | crashes | fixed by |")
    print("|---|---|---|---|---|---|---|---|---|")
    for path in paths:
        print(row(path))


if __name__ == "__main__":
    main()
