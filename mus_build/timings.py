"""How long each step of a command took, for `mus build --timings` and the benchmarks."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Timings:
    steps: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.steps[name] = self.steps.get(name, 0.0) + seconds

    def measure(self, name: str, start: float) -> float:
        """Count the time since `start` for the step; returns now, the next step's start."""
        now = time.perf_counter()
        self.add(name, now - start)
        return now
