"""`/automations`: the automation rules with a visual builder, and their recent runs.

Modules: `routes` (the pages), `forms` (a rule as a form), `changes` (applying a change to the
definition), `words` (rules described in words), `runs` (recent runs).
Public API: `routes.router`.
"""
