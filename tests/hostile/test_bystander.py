"""The bystander itself: it sees a server that stops answering others."""

from __future__ import annotations

import threading
import time

import pytest

from tests.support.bystander import Bystander
from tests.support.servers import LiveServer
from tests.support.waiting import wait_for


def test_a_bystander_reads_while_nothing_happens(db_url: str, server: LiveServer) -> None:
    with Bystander(server) as other:
        assert wait_for(lambda: len(other.reads) >= 5), "the bystander made no reads"
    other.assert_served()


def test_a_bystander_notices_a_stalled_event_loop(db_url: str, server: LiveServer) -> None:
    async def stall() -> dict[str, bool]:
        time.sleep(1.5)  # blocks the server's event loop, as a careless request could
        return {"stalled": True}

    server.app.add_api_route("/test-only/stall", stall)
    with Bystander(server) as other:
        assert wait_for(lambda: len(other.reads) >= 1)
        staller = threading.Thread(target=lambda: server.client().get("/test-only/stall"))
        staller.start()
        staller.join(timeout=60)
        count = len(other.reads)
        assert wait_for(lambda: len(other.reads) > count + 1)
    with pytest.raises(AssertionError, match="waited"):
        other.assert_served(patience=1.0)
