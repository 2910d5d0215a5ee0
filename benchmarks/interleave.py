#!/usr/bin/env python3
"""Times several commands on the same input, interleaved run by run.

This VM is shared, and its speed drifts by tens of percent over minutes. Timing configuration A
five times and then B five times compares two moments of the machine as much as A and B; running
A, B, A, B, ... exposes both to the same slow phases. Each command's standard output goes to
/dev/null; a non-zero exit status stops the benchmark.

    benchmarks/interleave.py --records N --runs R  LABEL 'COMMAND' [LABEL 'COMMAND' ...]

COMMAND is run by the shell. For each: median and best wall-clock seconds, records per second
at both, and the median CPU seconds (user + system, from wait4, so the time this process was
really given the CPU: on a busy machine wall time includes waiting for a core). The last columns
compare each command with the first (of its group, with --group G: commands 1..G, G+1..2G, ...
form groups, e.g. with and without an option, for two builds): the median of the per-round ratios of wall times (round k's
B over round k's A, which cancels the drift between rounds better than a ratio of medians) and
the ratio of median CPU times.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    process = subprocess.Popen(command, shell=True, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"interleave.py: '{command}' exited with status {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, required=True, help="records each command processes (for records/s)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--unit", default="messages")
    parser.add_argument("--group", type=int, default=0, help="compare within groups of this many commands")
    parser.add_argument("pairs", nargs="+", help="LABEL COMMAND pairs")
    arguments = parser.parse_args()
    if len(arguments.pairs) % 2:
        parser.error("give LABEL COMMAND pairs")
    commands = list(zip(arguments.pairs[0::2], arguments.pairs[1::2]))
    walls = {label: [] for label, _ in commands}
    cpus = {label: [] for label, _ in commands}
    for round_index in range(arguments.runs):
        # Alternate the order too, so no command always runs right after the same one.
        order = commands if round_index % 2 == 0 else list(reversed(commands))
        for label, command in order:
            wall, cpu = run(command)
            walls[label].append(wall)
            cpus[label].append(cpu)
    n = arguments.records
    group = arguments.group or len(commands)
    width = max(len(label) for label, _ in commands)
    print(f"{'':{width}s}  {'median s':>8s} {arguments.unit + '/s':>14s}  {'best s':>7s} {arguments.unit + '/s':>14s}  "
          f"{'CPU s':>6s}  {'wall vs first':>14s}  {'CPU vs first':>12s}")
    for index, (label, _) in enumerate(commands):
        first = commands[index - index % group][0]
        median, best = statistics.median(walls[label]), min(walls[label])
        cpu = statistics.median(cpus[label])
        ratio = statistics.median(b / a for a, b in zip(walls[first], walls[label]))
        cpu_ratio = cpu / statistics.median(cpus[first])
        print(f"{label:{width}s}  {median:8.2f} {n / median:14,.0f}  {best:7.2f} {n / best:14,.0f}  "
              f"{cpu:6.2f}  {ratio:13.3f}x  {cpu_ratio:11.3f}x")
    print(f"({arguments.runs} interleaved runs each; load average at the end: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())})")


if __name__ == "__main__":
    main()
