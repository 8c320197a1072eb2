"""`/login`, `/logout`: signing in and out of the web UI.

Public API: `routes.router`.
"""
