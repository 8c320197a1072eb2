"""`/login`, `/logout`: signing in and out of the web UI.

Public API: `routes.router`; `routes.safe_next` (a `next=` address that stays on this site),
used by the card and the timeline.
"""
