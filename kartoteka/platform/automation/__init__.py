"""Automations: rules of the app definition run for records from a durable queue (`kt_job`).

Modules: `rules` (compiling rules, events from the change log, queueing), `actions` (what rules
do), `worker` (claiming and running jobs, date rules), `webhooks` (signed calls), `secrets`
(webhook secrets, named in the definition, set apart), `jobs` (recent runs, retries, the card's
buttons).
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
from kartoteka.platform.automation.secrets import (
    MAX_VALUE as MAX_SECRET_VALUE,
)
from kartoteka.platform.automation.secrets import (
    BadSecret,
    SecretState,
    UnknownSecret,
    delete_secret,
    for_users,
    secret_states,
    set_secret,
)
from kartoteka.platform.automation.worker import Outcome, Worker

__all__ = [
    "MAX_SECRET_VALUE",
    "BadSecret",
    "JobNotFound",
    "JobNotRetryable",
    "Outcome",
    "Run",
    "SecretState",
    "UnknownButton",
    "UnknownSecret",
    "Worker",
    "button_rule",
    "card_buttons",
    "delete_secret",
    "for_users",
    "get_run",
    "install",
    "paused",
    "queue_button",
    "recent_runs",
    "retry_job",
    "secret_states",
    "set_secret",
]
