"""Tests of temper_spark.py's pipe worker, without Spark (run by Tests/temperTests/SparkTests.swift):

    python3 -m unittest discover -s scripts/spark -p 'test_*.py'
"""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from temper_spark import STDERR_TAIL_BYTES, TemperWorkerError, pipe_through  # noqa: E402

PY = sys.executable


def python(code: str) -> list:
    return [PY, "-c", code]


class PipeThroughTests(unittest.TestCase):
    def test_order_is_kept_through_a_pipeline(self):
        lines = [f"message {i} ünïcode" for i in range(200_000)]
        upper = python("import sys\nfor l in sys.stdin: sys.stdout.write(l.upper())")
        number = python("import sys\nfor i, l in enumerate(sys.stdin): sys.stdout.write(f'{i}\\t{l}')")
        output = list(pipe_through([upper, number], iter(lines)))
        self.assertEqual(output, [f"{i}\t{line.upper()}" for i, line in enumerate(lines)])

    def test_a_failed_worker_raises_with_its_stderr(self):
        failing = python("import sys\nsys.stdin.read()\nsys.stderr.write('temper: error: <stdin>:3: not JSON\\n')\nsys.exit(1)")
        with self.assertRaises(TemperWorkerError) as caught:
            list(pipe_through([failing], iter(["a", "b", "c"])))
        message = str(caught.exception)
        self.assertIn("exited with status 1", message)
        self.assertIn("temper: error: <stdin>:3: not JSON", message)

    def test_a_failure_early_in_a_pipeline_is_reported_even_when_the_last_stage_succeeds(self):
        failing = python("import sys\nsys.stderr.write('first stage broke\\n')\nsys.exit(3)")
        with self.assertRaises(TemperWorkerError) as caught:
            list(pipe_through([failing, python("import sys\nsys.stdout.write(sys.stdin.read())")], iter(["x"])))
        self.assertIn("exited with status 3", str(caught.exception))
        self.assertIn("first stage broke", str(caught.exception))

    def test_a_killed_worker_raises(self):
        with self.assertRaises(TemperWorkerError) as caught:
            list(pipe_through([python("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")], iter([])))
        self.assertIn("killed by signal 9", str(caught.exception))

    def test_much_stderr_and_much_output_do_not_deadlock(self):
        # 8 MB of standard error while reading all input before writing 20 MB of output: with
        # undrained pipes (64 KiB each) this would hang forever.
        noisy = python(
            "import sys\n"
            "for i in range(100_000): sys.stderr.write(f'temper: warning: line {i}: something long enough to fill pipes\\n')\n"
            "data = sys.stdin.read()\n"
            "sys.stdout.write(data * 4)\n"
            "sys.exit(2)")
        lines = ["x" * 99] * 50_000
        start = time.monotonic()
        with self.assertRaises(TemperWorkerError) as caught:
            count = 0
            for _ in pipe_through([noisy], iter(lines)):
                count += 1
        self.assertLess(time.monotonic() - start, 60)
        message = str(caught.exception)
        self.assertIn("line 99999", message)  # the tail is kept …
        self.assertNotIn("line 0:", message)  # … not the head
        self.assertLessEqual(len(message.encode()), STDERR_TAIL_BYTES + 1000)
        self.assertEqual(count, 200_000)

    def test_closing_early_kills_the_worker(self):
        endless = python("import sys\nwhile True: sys.stdout.write('y\\n')")
        output = pipe_through([endless], iter([]))
        self.assertEqual([next(output) for _ in range(3)], ["y", "y", "y"])
        output.close()  # no hang, no error: the consumer stopped (Spark's take(), a failed stage)

    def test_a_failing_input_iterator_fails_the_task(self):
        def broken():
            yield "one"
            raise OSError("the input split could not be read")
        with self.assertRaises(OSError):
            list(pipe_through([python("import sys\nsys.stdout.write(sys.stdin.read())")], broken()))


if __name__ == "__main__":
    unittest.main()
