"""The machine-wide cap on password checks: slots shared with a real second process, never more
checks at once than slots, and a busy answer at once when too many wait."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kartoteka.platform.accounts import ChecksBusy, PasswordChecks
from tests.support.sign_ins import release, slot_held_elsewhere


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    with slot_held_elsewhere(tmp_path) as process:
        yield process


def test_a_slot_another_process_holds_is_waited_for(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    async def scenario() -> list[str]:
        events = []
        impatient = PasswordChecks(tmp_path, 1, queue=8, wait=0.3)
        with pytest.raises(ChecksBusy) as busy:
            async with impatient.slot():
                events.append("checked while the other process held the slot")
        assert busy.value.status == 503 and busy.value.headers["Retry-After"] == "2"
        patient = PasswordChecks(tmp_path, 1, queue=8, wait=60)

        async def check() -> None:
            async with patient.slot():
                events.append("checked")

        waiting = asyncio.create_task(check())
        while patient.waiting == 0:
            await asyncio.sleep(0.01)
        events.append("released")
        await asyncio.to_thread(release, holder)
        await waiting
        return events

    assert asyncio.run(scenario()) == ["released", "checked"]


def test_never_more_checks_at_once_than_slots(tmp_path: Path) -> None:
    checks = PasswordChecks(tmp_path, 2, queue=100, wait=60)
    running, most = 0, 0

    async def check() -> None:
        nonlocal running, most
        async with checks.slot():
            running += 1
            most = max(most, running)
            await asyncio.sleep(0.02)
            running -= 1

    async def burst() -> None:
        await asyncio.gather(*(check() for _ in range(20)))

    asyncio.run(burst())
    assert most == 2
    assert checks.waiting == 0


def test_beyond_the_queue_a_sign_in_is_busy_at_once(tmp_path: Path) -> None:
    checks = PasswordChecks(tmp_path, 1, queue=1, wait=60)

    async def scenario() -> str:
        release = asyncio.Event()

        async def hold() -> None:
            async with checks.slot():
                await release.wait()

        async def wait_in_queue() -> None:
            async with checks.slot():
                pass

        holding = asyncio.create_task(hold())
        await asyncio.sleep(0)
        queued = asyncio.create_task(wait_in_queue())
        while checks.waiting == 0:
            await asyncio.sleep(0.01)
        try:
            async with checks.slot():
                return "checked"
        except ChecksBusy:
            return "busy"
        finally:
            release.set()
            await asyncio.gather(holding, queued)

    assert asyncio.run(scenario()) == "busy"


def test_one_process_may_wait_on_several_event_loops(tmp_path: Path) -> None:
    # A test client without a running loop of its own (Starlette's TestClient outside `with`)
    # starts a loop per request: the slots must not belong to the first one.
    checks = PasswordChecks(tmp_path, 1, queue=100, wait=60)

    async def burst() -> int:
        async def check() -> None:
            async with checks.slot():
                await asyncio.sleep(0.01)

        await asyncio.gather(*(check() for _ in range(3)))
        return checks.waiting

    assert [asyncio.run(burst()) for _ in range(2)] == [0, 0]
