#!/usr/bin/env python3
"""Run Temper on Apache Spark: the `temper` binary is the per-partition worker.

Temper does not grow a cluster of its own. Spark splits the input into partitions, every
partition is piped through the `temper` binary on an executor, and what comes back is either
Temper's output in input order (`score`, `facts`) or one exactly mergeable partial aggregate per
partition, merged on the driver by `temper scorecard merge` (`scorecard`). The merged scorecard
is byte for byte the one a single `temper scorecard` over the whole input gives.

    # one machine, two cores (the test in Tests/temperTests/SparkTests.swift does this)
    python3 scripts/spark/temper_spark.py --master 'local[2]' scorecard corpora/transcripts.jsonl \\
        --by team --period month -- --format json --no-timestamp -o scorecard.json

    # a cluster: see "Running on a cluster" in the README (spark-submit on YARN or Kubernetes)

Commands:
  scorecard INPUT…   conversations (or, with --input facts, facts) → one partial per partition
                     (`temper flag --facts` | `temper scorecard --partial --shard-id part-NNNNN`)
                     → `temper scorecard merge` on the driver. Arguments after `--` go to the
                     merge (--format, -o, --title, --targets, --no-timestamp, …).
  score INPUT… --output DIR
                     messages, one per line → `temper score` per partition → DIR/part-NNNNN
                     (Spark's text output; the parts in name order are the single run's output).
                     Text lines are numbered across the whole input first (zipWithIndex) and sent
                     as {"id": N, "text": …}, so ids are the single run's line numbers, not
                     numbers that restart in every partition; --input jsonl sends records as
                     they are (ids of their own; CSV cannot be split, its header is in one part).
  facts INPUT… --output DIR
                     conversations → `temper flag --facts` per partition → DIR/part-NNNNN.
  Arguments after `--` go to `temper score` / `temper flag` for those two.

The binary and the lexicons reach the executors through SparkContext.addFile (spark-submit
--files would do the same), and are found there with SparkFiles.get. The binary must run on the
executors' machines: build it there, or with `swift build -c release --static-swift-stdlib`
for a binary that needs no Swift runtime (it still needs libicu, as Temper does anywhere).

Guards against the usual ways a pipe worker goes wrong on Spark (each is tested, see
scripts/spark/test_temper_spark.py and Tests/temperTests/SparkTests.swift):
  * A failed worker fails the task: a non-zero exit raises TemperWorkerError with the command,
    the status and the end of its standard error, so Spark retries the task and, if it keeps
    failing, fails the job with Temper's own error message (RDD.pipe ignores exit codes
    unless checkCode=True; this script does not use RDD.pipe).
  * A retried or speculative task cannot count a partition twice: every partial carries the
    shard id part-NNNNN of its partition; collect() keeps one result per partition, the driver
    checks that, and `temper scorecard merge` itself counts identical repeats once and refuses
    different partials for one shard.
  * Standard error is drained by its own thread while standard input is written by another
    and standard output is read by the task, so no pipe fills up and blocks the others; the
    last 64 KiB are kept for the error message, and everything is copied to the executor's log.
  * Order within a partition is kept: output lines are yielded as Temper writes them, and
    Temper writes them in input order. Partitions come back in partition order.
  * Temper's memory is not the JVM's: the subprocess lives in the executor container's
    overhead, so set spark.executor.memoryOverhead (PySpark workers count there too). Temper
    needs well under 200 MB per task for score and flag, and for scorecard grows only with
    groups × periods and distinct customers (--no-retention drops those).
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import stat
import subprocess
import sys
import threading
from typing import Iterable, Iterator, Sequence

STDERR_TAIL_BYTES = 64 * 1024
SHARD_PREFIX = "part-"


class TemperWorkerError(RuntimeError):
    """A worker process exited with a non-zero status (or was killed)."""


class _StderrDrain(threading.Thread):
    """Reads a process's standard error to its end, keeping the tail for error messages."""

    def __init__(self, stream, label: str, echo) -> None:
        super().__init__(daemon=True)
        self.stream, self.label, self.echo = stream, label, echo
        self.tail: collections.deque[bytes] = collections.deque()
        self.tail_size = 0
        self.total = 0

    def run(self) -> None:
        for chunk in iter(lambda: self.stream.read1(65536), b""):
            self.total += len(chunk)
            self.tail.append(chunk)
            self.tail_size += len(chunk)
            while self.tail_size - len(self.tail[0]) >= STDERR_TAIL_BYTES:
                self.tail_size -= len(self.tail.popleft())
            if self.echo is not None:
                try:
                    self.echo.write(chunk)
                    self.echo.flush()
                except (OSError, ValueError):
                    self.echo = None
        self.stream.close()

    def text(self) -> str:
        data = b"".join(self.tail)[-STDERR_TAIL_BYTES:]
        prefix = "…" if self.total > len(data) else ""
        return prefix + data.decode("utf-8", "replace").strip()


def _writer(lines: Iterable[str], stream, failure: list) -> None:
    try:
        for line in lines:
            stream.write(line.encode("utf-8", "surrogateescape"))
            stream.write(b"\n")
    except BrokenPipeError:
        pass  # the process ended early; its exit status says why
    except BaseException as error:  # the input itself failed (e.g. Spark could not read it)
        failure.append(error)
    finally:
        try:
            stream.close()
        except BrokenPipeError:
            pass


def pipe_through(commands: Sequence[Sequence[str]], lines: Iterable[str], env: dict | None = None,
                 echo_stderr=None, where: str = "") -> Iterator[str]:
    """Pipes `lines` through `commands` (a shell-style pipeline, first to last) and yields the
    last command's output lines, without their line feeds, in the order written.

    Standard input is written by one thread and each standard error drained by another, so a
    process that writes much to standard error, or reads all input before writing, cannot
    deadlock the task. Raises TemperWorkerError naming the command, its exit status and the end
    of its standard error if any command fails (`where`, e.g. "partition 3", leads the message:
    line numbers in Temper's errors count from the start of that partition). Closing the generator early kills the processes.
    """
    processes: list[subprocess.Popen] = []
    drains: list[_StderrDrain] = []
    previous_stdout = subprocess.PIPE
    for argv in commands:
        process = subprocess.Popen(list(argv), stdin=previous_stdout, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=env)
        if processes:
            processes[-1].stdout.close()  # the next process owns the read end now
        processes.append(process)
        drain = _StderrDrain(process.stderr, " ".join(argv), echo_stderr)
        drain.start()
        drains.append(drain)
        previous_stdout = process.stdout
    failure: list = []
    writer = threading.Thread(target=_writer, args=(lines, processes[0].stdin, failure), daemon=True)
    writer.start()
    finished = False
    try:
        for raw in processes[-1].stdout:
            yield raw.rstrip(b"\n").decode("utf-8", "surrogateescape")
        finished = True
    finally:
        if not finished:
            for process in processes:
                process.kill()
        processes[-1].stdout.close()
        for process in processes:
            process.wait()
        writer.join()
        for drain in drains:
            drain.join()
    if failure:
        raise failure[0]
    for argv, process, drain in zip(commands, processes, drains):
        if process.returncode != 0:
            how = (f"was killed by signal {-process.returncode}" if process.returncode < 0
                   else f"exited with status {process.returncode}")
            raise TemperWorkerError(f"{where + ': ' if where else ''}{' '.join(argv)} {how}; its standard error ended with:\n{drain.text()}")


# MARK: - Spark


def shard_id(partition: int) -> str:
    return f"{SHARD_PREFIX}{partition:05d}"


class Worker:
    """What a task needs to run Temper on an executor: picklable, resolved there."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def temper(self) -> str:
        from pyspark import SparkFiles
        path = SparkFiles.get("temper")
        if not os.access(path, os.X_OK):  # some file systems drop the mode bits on the way
            os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path

    def env(self) -> dict:
        from pyspark import SparkFiles
        env = dict(os.environ)
        env["TEMPER_LEXICONS"] = SparkFiles.get("lexicons")
        return env

    def run(self, commands: list[list[str]], partition: int, lines: Iterable[str]) -> Iterator[str]:
        binary = self.temper()
        resolved = [[binary] + command + ["--jobs", str(self.jobs)] for command in commands]
        return pipe_through(resolved, lines, env=self.env(), echo_stderr=sys.stderr.buffer,
                            where=f"partition {partition} ({shard_id(partition)})")


def _partial_task(worker: Worker, stages: list[list[str]], partial_args: list[str]):
    def task(partition: int, lines: Iterator[str]):
        command = stages + [["scorecard", "-", "--input-format", "facts", "--partial",
                             "--shard-id", shard_id(partition)] + partial_args]
        partial = "\n".join(worker.run(command, partition, lines))
        yield partition, partial
    return task


def spark_context(master: str | None, app: str):
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError as error:
        sys.exit(f"temper_spark: PySpark is not installed ({error}): pip install pyspark")
    conf = SparkConf().setAppName(app)
    if master:
        conf.setMaster(master)
    if master and master.startswith("local"):
        # Quiet, and no web UI port to fight over when tests run side by side.
        conf.set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
    context = SparkContext.getOrCreate(conf)
    context.setLogLevel("WARN")
    return context


def main(argv: Sequence[str] | None = None, context=None) -> int:
    """Runs one command; with `context` (a running SparkContext) in it, leaving it running, so
    that several runs share one start-up (the tests do)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    passthrough: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, passthrough = argv[:cut], argv[cut + 1:]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(
        prog="temper_spark.py", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--master", help="Spark master, e.g. local[2]; spark-submit sets it")
    parser.add_argument("--temper", default=os.environ.get("TEMPER", os.path.join(root, ".build/release/temper")),
                        help="the temper binary shipped to executors (default: $TEMPER, else .build/release/temper)")
    parser.add_argument("--lexicons", default=os.path.join(root, "lexicons"),
                        help="Temper's lexicons directory, shipped with the binary (default: the checkout's)")
    parser.add_argument("--partitions", type=int, help="minimum number of input partitions (default: Spark's)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="threads each Temper process uses; match spark.task.cpus (default 1)")
    commands = parser.add_subparsers(dest="command", required=True)
    scorecard = commands.add_parser("scorecard", help="partials per partition, merged on the driver")
    scorecard.add_argument("inputs", nargs="+")
    scorecard.add_argument("--input", choices=["conversations", "facts"], default="conversations",
                           help="conversations (JSONL, assessed by `temper flag --facts` first) or facts")
    for option in ("--by", "--period", "--time-zone", "--top-flagged", "--threshold"):
        scorecard.add_argument(option, help=f"passed to the partial-producing `temper` ({option})")
    scorecard.add_argument("--no-retention", action="store_true", help="passed to `temper scorecard --partial`")
    scorecard.add_argument("--partials", help="also keep the partials in this local directory")
    for name, what in (("score", "messages → `temper score`"), ("facts", "conversations → `temper flag --facts`")):
        sub = commands.add_parser(name, help=what)
        sub.add_argument("inputs", nargs="+")
        sub.add_argument("--output", required=True, help="output directory (Spark's saveAsTextFile)")
        if name == "score":
            sub.add_argument("--input", choices=["text", "jsonl"], default="text",
                             help="text (a message a line, numbered here) or jsonl records with their own ids")
    args = parser.parse_args(argv)

    for path, what in ((args.temper, "the temper binary"), (args.lexicons, "the lexicons directory")):
        if not os.path.exists(path):
            parser.error(f"{what} {path} does not exist (build with `swift build -c release`, or pass --temper/--lexicons)")

    own_context = context is None
    if own_context:
        context = spark_context(args.master, f"temper {args.command}")
    try:
        # Imported as a module (not run as a script), its functions travel to the executors by
        # reference: they need the module itself.
        context.addPyFile(os.path.abspath(__file__))
        context.addFile(os.path.abspath(args.temper))
        context.addFile(os.path.abspath(args.lexicons), recursive=True)
        worker = Worker(args.jobs)
        lines = context.textFile(",".join(args.inputs), *( [args.partitions] if args.partitions else []))
        if args.command == "scorecard":
            return run_scorecard(args, passthrough, worker, lines)
        stage = ["score", "-"] if args.command == "score" else ["flag", "--facts", "-"]
        if args.command == "score":
            stage += ["--input-format", "jsonl"]
            if args.input == "text":
                # One extra pass (Spark counts each partition's lines) buys the single run's ids.
                lines = lines.zipWithIndex().map(
                    lambda pair: json.dumps({"id": pair[1] + 1, "text": pair[0]}, ensure_ascii=False))
        stage += passthrough
        lines.mapPartitionsWithIndex(lambda index, part: worker.run([stage], index, part)).saveAsTextFile(args.output)
        return 0
    finally:
        if own_context:
            context.stop()


def run_scorecard(args, merge_args: list[str], worker: Worker, lines) -> int:
    import tempfile

    shape: list[str] = []
    for option in ("by", "period", "time_zone", "top_flagged"):
        value = getattr(args, option)
        if value is not None:
            shape += ["--" + option.replace("_", "-"), value]
    if args.no_retention:
        shape.append("--no-retention")
    stages = []
    if args.input == "conversations":
        stages.append(["flag", "--facts", "-"] + (["--threshold", args.threshold] if args.threshold else []))
    elif args.threshold:
        sys.exit("temper_spark: --threshold applies to conversations, not facts")

    partitions = lines.getNumPartitions()
    results = lines.mapPartitionsWithIndex(_partial_task(worker, stages, shape)).collect()
    seen = sorted(index for index, _ in results)
    if seen != list(range(partitions)):  # Spark keeps one result per partition; say so if not
        sys.exit(f"temper_spark: expected one partial per partition 0…{partitions - 1}, got {seen}")

    directory = args.partials or tempfile.mkdtemp(prefix="temper-partials-")
    os.makedirs(directory, exist_ok=True)
    paths = []
    for index, partial in sorted(results):
        path = os.path.join(directory, shard_id(index) + ".partial.json")
        with open(path, "w", encoding="utf-8") as out:
            out.write(partial + "\n")
        paths.append(path)
    merge = subprocess.run([args.temper, "scorecard", "merge", *paths, *merge_args])
    if not args.partials:
        for path in paths:
            os.remove(path)
        os.rmdir(directory)
    return merge.returncode


if __name__ == "__main__":
    sys.exit(main())
