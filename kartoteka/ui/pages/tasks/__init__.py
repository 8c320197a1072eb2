"""`/tasks`: my tasks (overdue, today, upcoming), marking them done, and reminders.

Public API: `routes.router`. (The badge on every page is the UI core's `task_badge`.)
"""
