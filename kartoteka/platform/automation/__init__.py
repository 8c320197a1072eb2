"""Automations: rules of the app definition run for records from a durable queue (`kt_job`).

Modules: `rules` (compiling rules, events from the change log, queueing), `actions` (what rules
do), `worker` (claiming and running jobs, date rules), `webhooks` (signed calls), `jobs` (recent
runs, retries, the card's buttons).
"""

from kartoteka.platform.automation.jobs import (
    JobNotFound,
    JobNotRetryable,
    Run,
    UnknownButton,
    button_rule,
    card_buttons,
    get_run,
    install,
    paused,
    queue_button,
    recent_runs,
    retry_job,
)
from kartoteka.platform.automation.worker import Outcome, Worker

__all__ = [
    "JobNotFound",
    "JobNotRetryable",
    "Outcome",
    "Run",
    "UnknownButton",
    "Worker",
    "button_rule",
    "card_buttons",
    "get_run",
    "install",
    "paused",
    "queue_button",
    "recent_runs",
    "retry_job",
]
