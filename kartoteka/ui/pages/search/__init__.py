"""`/search`: every entity searched at once.

Public API: `routes.router`.
"""
