"""Stopping ``companion run`` while a batch of daily sessions is going out.

A hundred patients (written straight into the database with the project's services) are
all due at 18:00. The emulator answers each sendMessage slowly, so the batch takes several
seconds, and the process is stopped once some sessions have arrived:

- SIGTERM (a deploy, systemd stop): the sends in flight finish, the process exits 0, the
  sessions not yet started are left to the restart, and every patient gets exactly one;
- SIGKILL (a crash, the OOM killer): the restart sends everything that was due; only the
  rows in flight when the process died (at most the tick's concurrency) may repeat.

The clock is the testing clock at real speed, started just before 18:00 on a Tuesday, so
the batch is due seconds after the bot starts whatever the hour of the test run.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

import pytest
from process_harness import Deploy, Deployment, Emulator, SimulatedClock
from process_steps import count_by_chat, seed_population, session_content, session_intro

from bot.content import Content
from scheduler import Policy

pytestmark = pytest.mark.process

PATIENTS = int(os.environ.get("KILL_PATIENTS", "100"))  # bench/faults/kill.py: 2,000
FIRST_PATIENT = 30_000
REMINDER = clock_time(18, 0)
JUST_BEFORE = datetime(2026, 12, 1, 17, 59, 54, tzinfo=ZoneInfo("America/Toronto"))
# Seconds the emulator waits before handling each sendMessage.
SEND_DELAY = float(os.environ.get("KILL_SEND_DELAY", "0.25"))
STOP_AFTER = 20  # patients with their session when the signal is sent
IN_FLIGHT = Policy().concurrency  # rows one tick runs at once (16)
# Seconds for a restart to send what is left (about 10 s needed for 100).
RESTART_DEADLINE = float(os.environ.get("KILL_DEADLINE", "45"))
LEASE = 30.0  # seconds a dead process's claims hold their rows (renewed while work runs)


@dataclass
class Batch:
    deployment: Deployment
    emulator: Emulator
    patients: list[int]

    def served(self) -> set[int]:
        """Patients who have received their session's reminder."""
        self.emulator.sync()
        intros = count_by_chat(self.emulator, self.patients, session_intro)
        return {patient for patient, count in intros.items() if count}

    def all_served(self) -> bool:
        return len(self.served()) == len(self.patients)

    def tally(self) -> tuple[list[int], int, list[int]]:
        """Patients with no session; sessions sent more than once; and patients who got a
        session's reminder but never its exercises (a session cut in half)."""
        self.emulator.sync()
        intros = count_by_chat(self.emulator, self.patients, session_intro)
        contents = count_by_chat(self.emulator, self.patients, session_content)
        lost = [p for p in self.patients if intros[p] == 0]
        doubled = sum(max(0, n - 1) for n in intros.values())
        half = [p for p in self.patients if intros[p] and not contents[p]]
        return lost, doubled, half


def due_batch(
    deploy: Deploy, content: Content, patients: int = PATIENTS, delay: float = SEND_DELAY
) -> Batch:
    clock = SimulatedClock(JUST_BEFORE, 1.0, anchor=time.time())
    deployment = deploy(clock)
    seeded = seed_population(
        deployment,
        content,
        patients=patients,
        first_user_id=FIRST_PATIENT,
        seeded_at=JUST_BEFORE - timedelta(minutes=1),
        reminder=REMINDER,
    )
    deployment.emulator.slow_down("sendMessage", delay, count=20 * patients)
    return Batch(deployment, deployment.emulator, seeded)


def test_sigterm_mid_batch_finishes_sends_in_flight_exits_0_and_the_restart_sends_the_rest_once(
    deploy: Deploy, content: Content
) -> None:
    batch = due_batch(deploy, content)
    bot = batch.deployment.start_bot()
    batch.emulator.wait_for(
        f"{STOP_AFTER} sessions", lambda: len(batch.served()) >= STOP_AFTER, 60, watch=[bot]
    )
    at_signal = batch.served()
    signalled = time.monotonic()
    code = bot.terminate(timeout=60)
    shutdown = time.monotonic() - signalled
    batch.emulator.settle()
    at_exit = batch.served()
    _, _, half_at_exit = batch.tally()

    restarted = batch.deployment.start_bot()
    batch.emulator.wait_until(batch.all_served, RESTART_DEADLINE, watch=[restarted])
    restart_code = restarted.terminate(timeout=60)
    lost, doubled, half = batch.tally()
    counts = batch.deployment.scheduler_counts()

    figure = (
        f"SIGTERM mid-batch: {len(at_signal)} of {PATIENTS} served at the signal, "
        f"{len(at_exit) - len(at_signal)} more before exit {code} after {shutdown:.1f} s, "
        f"{PATIENTS - len(at_exit)} left to the restart; in the end lost {len(lost)}, "
        f"doubled {doubled}, half-sent {len(half)}; due work {counts}"
    )
    print(f"\n[process] {figure}")
    assert code == 0 and restart_code == 0, figure
    assert not half_at_exit, f"{figure}; half-sent at exit: {half_at_exit}"
    assert len(at_exit) < PATIENTS, f"{figure}: the sessions not yet started were not left"
    # Reached after the signal: the rows in flight (at most 16), and the few the tick may
    # start in the milliseconds PTB takes to stop polling before it stops the tick.
    assert len(at_exit) - len(at_signal) <= 2 * IN_FLIGHT, f"{figure}: more than in flight"
    assert not lost and doubled == 0 and not half, figure
    # Each session is two rows done: its due row, and the outbox row that sent it.
    assert counts.get("claimed", 0) == 0 and counts.get("done") == 2 * PATIENTS, figure


def test_after_sigkill_mid_batch_a_restart_sends_all_that_was_due_repeating_only_sends_in_flight(
    deploy: Deploy, content: Content
) -> None:
    batch = due_batch(deploy, content)
    bot = batch.deployment.start_bot()
    batch.emulator.wait_for(
        f"{STOP_AFTER} sessions", lambda: len(batch.served()) >= STOP_AFTER, 60, watch=[bot]
    )
    bot.kill()
    batch.emulator.settle()  # the sends the emulator had in hand land
    at_kill = batch.served()

    restarted = batch.deployment.start_bot()
    started = time.time()
    batch.emulator.wait_until(batch.all_served, LEASE + RESTART_DEADLINE, watch=[restarted])
    # Then until the dead process's leases have run out and their rows are taken back and
    # finished: a repeat those rows may still cause is counted too.
    batch.emulator.wait_until(
        lambda: batch.deployment.scheduler_counts().get("claimed", 0) == 0,
        LEASE + RESTART_DEADLINE,
        watch=[restarted],
    )
    batch.emulator.settle()
    restart_code = restarted.terminate(timeout=60)
    lost, doubled, half = batch.tally()
    counts = batch.deployment.scheduler_counts()
    resent = sorted(m.seen_at - started for m in batch.emulator.messages(match=session_intro)
                    if m.seen_at > started)  # fmt: skip

    when = f", from {resent[0]:.1f} s to {resent[-1]:.1f} s after it started" if resent else ""
    figure = (
        f"SIGKILL mid-batch: {len(at_kill)} of {PATIENTS} served at the kill; the restart "
        f"sent {len(resent)} sessions{when} (the lease: {LEASE:.0f} s); "
        f"lost {len(lost)}, repeated {doubled} (at most {IN_FLIGHT}), half-sent {len(half)}; "
        f"due work {counts}"
    )
    print(f"\n[process] {figure}")
    assert not lost and not half, figure
    assert doubled <= IN_FLIGHT, figure
    assert restart_code == 0, figure
    # Each session is two rows done: its due row, and the outbox row that sent it.
    assert counts.get("claimed", 0) == 0 and counts.get("done") == 2 * PATIENTS, figure


KILL_PROBE = 2_000  # issue 11's kill -9 probe: 2,000 due sessions
KILL_PROBE_TARGET = 60.0  # seconds from the restart to the last session
# Killed once 90 % are out: what is left (about 400 messages) takes ~15 s at Telegram's 30 a
# second, so the figure shows the wait for the dead process's claims, not the send rate.
# Killed at 25 %, the rest takes ~150 s however fast the claims come back (docs/reliability.md).
# KILL_AT_PERCENT=25 or 50 measures the other kill points (docs/reliability.md).
KILL_AT = KILL_PROBE * int(os.environ.get("KILL_AT_PERCENT", "90")) // 100


def test_the_kill_9_probe_2000_due_sessions_all_arrive_within_60_s_of_the_restart(
    deploy: Deploy, content: Content
) -> None:
    batch = due_batch(deploy, content, patients=KILL_PROBE, delay=0.0)
    bot = batch.deployment.start_bot()
    batch.emulator.wait_for(
        "the batch under way",
        lambda: len(batch.served()) >= KILL_AT,
        300,
        watch=[bot],
    )
    bot.kill()
    batch.emulator.settle()
    at_kill = batch.served()

    restarted = batch.deployment.start_bot()
    started = time.time()
    batch.emulator.wait_until(batch.all_served, 600, watch=[restarted])
    finished = time.time() - started
    restarted.terminate(timeout=60)
    lost, doubled, _half = batch.tally()
    # Where the time went: the first message after the restart (start-up, claims coming
    # back), then the pace (Telegram's cap is 30 messages a second).
    after = sorted(m.seen_at - started for m in batch.emulator.messages() if m.seen_at > started)
    pace = len(after) / max(after[-1] - after[0], 1e-9) if len(after) > 1 else 0.0
    figure = (
        f"kill -9 probe: {len(at_kill)} of {KILL_PROBE} served at the kill; the last session "
        f"arrived {finished:.1f} s after the restart (target {KILL_PROBE_TARGET:.0f} s); "
        f"lost {len(lost)}, repeated {doubled}; after the restart {len(after)} messages, "
        f"the first at {after[0] if after else 0:.1f} s, then {pace:.1f} a second"
    )
    print(f"\n[process] {figure}")
    assert not lost, figure
    assert finished <= KILL_PROBE_TARGET, figure
