"""Hostile: an administrator's webhooks aimed at the server's own network (SSRF), in every
spelling of an internal address. None is called, each job fails at once saying why, and another
user is served meanwhile."""

from __future__ import annotations

from tests.hostile._hooks import Figures, crm_with, jobs
from tests.support.bystander import Bystander
from tests.support.receivers import receiving
from tests.support.servers import MakeServer
from tests.support.waiting import wait_for

SPELLINGS = ["127.0.0.1", "127.1", "2130706433", "0x7f.1", "017700000001", "localhost",
             "[::1]", "[::ffff:127.0.0.1]", "0.0.0.0"]


def test_webhooks_to_internal_addresses_are_refused(db_url: str,
                                                   make_server: MakeServer) -> None:
    with receiving() as receiver:
        port = receiver.url.split(":")[2].split("/")[0]
        urls = [f"http://{host}:{port}/hooks/crm" for host in SPELLINGS]
        urls.append("http://169.254.169.254/latest/meta-data/")  # a cloud's metadata service
        rule = {"name": "Probe the network", "entity": "deal", "when": {"event": "created"},
                "do": [{"action": "webhook", "url": url} for url in urls]}
        server = make_server(crm_with([rule]))  # the default settings: no internal host
        admin = server.admin()
        figures = Figures(f"{len(urls)} webhooks to internal addresses")
        with Bystander(server) as other:
            assert admin.post("/api/records/deal", json={"title": "Probe"}).status_code == 201
            failed = wait_for(lambda: [j for j in jobs(db_url, "webhook")
                                       if j.state == "failed"] if len(
                [j for j in jobs(db_url, "webhook") if j.state == "failed"]) == len(urls)
                else None)
        other.assert_served()
        figures.report(f"{len(failed or [])} jobs failed at their first attempt, "
                       f"{len(receiver.calls)} calls received")
        assert failed, f"the calls did not all fail: {jobs(db_url, 'webhook')}"
        assert receiver.calls == []
        for job in failed:
            assert job.attempts == 1
            assert "is on an internal network" in job.error, job.error
            assert "webhook_allowed_hosts" in job.error
