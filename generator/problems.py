"""Problems found while building, worded for people: `file:line: what is wrong; how to fix it`."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str
    fix: str = ""
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        return f"{text}; {self.fix}" if self.fix else text


class ProblemError(Exception):
    """Raised where a problem stops the work at hand (one article, or the whole build for config)."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class ProblemsError(ProblemError):
    """Several problems that stop the work, all reported at once (every bad key of site.yaml,
    every reason to refuse a command)."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0])
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


@dataclass
class Problems:
    """Everything that went wrong or looked wrong in one build, in the order found."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def error(self, file: str, line: int | None, message: str, fix: str = "") -> None:
        self.add(Problem(file, line, message, fix, "error"))

    def warn(self, file: str, line: int | None, message: str, fix: str = "") -> None:
        self.add(Problem(file, line, message, fix, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]
