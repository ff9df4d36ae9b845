"""Process tests: each test runs the installed ``companion`` programs as child processes.

``deploy`` gives a test a fresh installation (a temporary SQLite file and a running
emulator); the test starts ``companion run`` itself, as often as it needs. Every process
is stopped at teardown (SIGTERM, then SIGKILL after a deadline), and when a test fails
the output of every process is added to its report.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from process_harness import Deploy, Deployment, Emulator, SimulatedClock, clean_environment


@pytest.fixture
def deploy(
    tmp_path: Path, api_schema_path: Path, request: pytest.FixtureRequest
) -> Iterator[Deploy]:
    """``deploy(clock=None, **settings)``: the emulator running, the database still empty."""
    made: list[Deployment] = []

    def make(clock: SimulatedClock | None = None, **settings: str) -> Deployment:
        workdir = tmp_path / f"deployment-{len(made) + 1}"
        workdir.mkdir()
        emulator = Emulator.start(workdir, api_schema_path, clean_environment())
        deployment = Deployment(workdir, emulator, clock, dict(settings))
        made.append(deployment)
        return deployment

    request.node.process_deployments = made
    yield make
    problems = []
    for deployment in made:
        for bot in deployment.bots:
            if bot.popen.poll() is None:
                try:
                    bot.terminate(timeout=20)
                except AssertionError as error:
                    problems.append(str(error))
        deployment.emulator.close()
        deployment.emulator.process.terminate(timeout=10)
    if problems:
        pytest.fail("\n".join(problems))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failing process test shows what every process printed."""
    report: pytest.TestReport = yield
    if report.failed:
        for deployment in getattr(item, "process_deployments", []):
            report.sections.append((f"process logs ({deployment.workdir.name})", deployment.logs()))
    return report
