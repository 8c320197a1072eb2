"""Hostile: an administrator's templates that would run for ever or fill the memory.

Saving them is quick (compiling evaluates nothing); running them fails the job with an error
naming the limit; the worker goes on with the next job; memory stays put; another user is
served meanwhile."""

from __future__ import annotations

import time

from tests.hostile._hooks import Figures, crm_with, jobs, max_rss_mb
from tests.support.bystander import Bystander
from tests.support.servers import MakeServer
from tests.support.waiting import wait_for

LOOPS = ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
         "{{ record.title }}")
HUGE = "<p>{{ 'x' * 10**9 }}</p>"
FOLDED = "{{ 9 ** (9 ** 9) }}"

RULES = [
    {"name": "Loop for ever", "entity": "deal", "when": {"event": "created"},
     "do": [{"action": "set_field", "field": "title", "value": LOOPS}]},
    {"name": "Render a huge document", "entity": "deal", "when": {"event": "created"},
     "do": [{"action": "render_document", "template": "huge"}]},
    {"name": "Follow up", "entity": "deal", "when": {"event": "created"},
     "do": [{"action": "create_record", "entity": "task",
             "values": {"title": "Follow up", "deal": "{{ record.id }}"}}]},
]
DOCUMENTS = [{"name": "huge", "entity": "deal", "template": HUGE}]


def test_templates_past_the_limits_fail_their_jobs_and_nothing_else(
        db_url: str, make_server: MakeServer) -> None:
    server = make_server(crm_with(RULES, documents=DOCUMENTS))
    admin = server.admin()
    figures = Figures("templates that loop 10^10 times and make a 10^9-character string")
    with Bystander(server) as other:
        # Saving a template Jinja would fold while compiling: quick, and evaluates nothing.
        current = admin.get("/api/schema").json()
        definition = current["definition"]
        definition["automations"].append(
            {"name": "Folded", "entity": "deal", "when": {"event": "button", "label": "Fold"},
             "do": [{"action": "set_field", "field": "title", "value": FOLDED}]})
        started = time.monotonic()
        saved = admin.put("/api/schema", json={"definition": definition,
                                               "base_version": current["version"]})
        saving = time.monotonic() - started
        assert saved.status_code == 200, saved.text
        deal = admin.post("/api/records/deal", json={"title": "Tractor"}).json()

        def ended() -> list[object]:
            rules = jobs(db_url, "rule")
            return rules if len(rules) == 3 and all(
                j.state in ("done", "failed") for j in rules) else []

        finished = wait_for(ended)
        pressed = admin.post(f"/api/records/deal/{deal['id']}/buttons/Folded")
        assert pressed.status_code == 202
        folded = wait_for(lambda: [j for j in jobs(db_url, "rule")
                                   if j.rule == "Folded" and j.state == "failed"])
    other.assert_served()
    figures.report(f"saved in {saving:.2f} s (200); jobs: " + ", ".join(
        f"{j.rule} {j.state}" for j in [*finished, *folded]))
    assert finished, f"the jobs did not end: {jobs(db_url, 'rule')}"
    state = {j.rule: (j.state, j.error) for j in finished}
    assert state["Loop for ever"][0] == "failed"
    assert "the template ran longer than 5 s, the limit" in state["Loop for ever"][1]
    assert state["Render a huge document"][0] == "failed"
    assert "would be longer than 5,000,000 characters" in state["Render a huge document"][1]
    assert state["Follow up"] == ("done", None)  # the worker went on
    assert folded and "numbers of up to 33,220 bits" in folded[0].error
    tasks = admin.get("/api/records/task", params={"deal": deal["id"]}).json()["items"]
    assert [t["title"] for t in tasks] == ["Follow up"]
    assert admin.get(f"/api/records/deal/{deal['id']}").json()["title"] == "Tractor"
    assert max_rss_mb() - figures.memory_before < 300
