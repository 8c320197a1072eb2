"""`/account`: the signed-in user's own settings (time zone).

Public API: `routes.router`.
"""
