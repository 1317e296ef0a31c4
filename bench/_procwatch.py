"""Peak memory and CPU time of a process tree, sampled from outside (used by scale_bench.py).

A thread polls every ``interval`` seconds the watched root processes and all their descendants:
the peak resident set (Linux ``VmHWM``, the kernel's own high-water mark, so a short peak
between two polls is not missed; elsewhere the largest RSS seen) and the last CPU time (user +
system) of every process, labelled by what it runs (``cli``, ``prefect-server``, ``dask-worker``,
``dask-scheduler``, ``py-spy``, ...).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import psutil


def label(cmdline: list[str]) -> str:
    """What a process of the benchmark is, from its command line."""
    text = " ".join(cmdline)
    if "py-spy" in text:
        return "py-spy"
    if "odihr.cli" in text or "/odihr " in text:
        return "cli"
    if "uvicorn" in text or ("prefect" in text and "server" in text):
        return "prefect-server"
    if "dask" in text and "worker" in text:
        return "dask-worker"
    if "dask" in text and "scheduler" in text:
        return "dask-scheduler"
    if "multiprocessing" in text or "spawn_main" in text:
        return "python-child"
    return Path(cmdline[0]).name if cmdline else "?"


def _peak_kb(process: psutil.Process) -> int:
    try:
        for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return process.memory_info().rss // 1024


@dataclass
class Seen:
    """One process's figures."""

    pid: int
    label: str
    peak_mb: float = 0.0
    cpu_seconds: float = 0.0


@dataclass
class ProcessWatch:
    """Context manager sampling ``roots`` (pids) and their descendants until it exits."""

    roots: list[int]
    interval: float = 0.2
    seen: dict[int, Seen] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="procwatch")

    def add(self, pid: int) -> None:
        """Watch one more root (a process started after the watch)."""
        self.roots.append(pid)

    def _sample(self) -> None:
        processes: list[psutil.Process] = []
        for pid in list(self.roots):
            try:
                root = psutil.Process(pid)
                processes += [root, *root.children(recursive=True)]
            except psutil.Error:
                continue
        for process in processes:
            try:
                with process.oneshot():
                    times = process.cpu_times()
                    cpu = times.user + times.system
                    peak = _peak_kb(process) / 1024
                    entry = self.seen.get(process.pid)
                    if entry is None:
                        entry = self.seen[process.pid] = Seen(process.pid, label(process.cmdline()))
            except psutil.Error:
                continue
            entry.peak_mb = max(entry.peak_mb, peak)
            entry.cpu_seconds = max(entry.cpu_seconds, cpu)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> ProcessWatch:
        self._sample()
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def peak(self, kind: str) -> float:
        """Largest peak RSS (MB) of the processes labelled ``kind`` (0 if none)."""
        return max((s.peak_mb for s in self.seen.values() if s.label == kind), default=0.0)

    def peaks(self, kind: str) -> list[float]:
        """Peak RSS (MB) of each process labelled ``kind``."""
        return [round(s.peak_mb, 1) for s in self.seen.values() if s.label == kind]

    def cpu(self, kind: str | None = None) -> float:
        """CPU seconds of the processes labelled ``kind`` (all when None)."""
        return sum(s.cpu_seconds for s in self.seen.values() if kind in (None, s.label))
