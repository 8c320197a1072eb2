"""What the platform installs into the schema engine, explicitly, from its entry points.

The schema engine renders no templates, so it cannot tell whether a template in a definition (an
automation's value, a document, a document's file name) is safe; the platform's Jinja sandbox
can. `install_hooks()` hands it that check. It is called where the platform starts work on a
definition (`kartoteka.app.create_app`, the command line, the demo) and never on import, so that
`check_definition` gives the same answer whatever happens to have been imported.
"""

from __future__ import annotations

from kartoteka.schema_engine.definition import set_template_checker


def install_hooks() -> None:
    """Install the platform's checks into the schema engine; calling it again changes nothing."""
    set_template_checker(_template_problem)


def _template_problem(source: str, html: bool) -> str | None:
    """Why a template of the definition cannot be used, or None: checked at apply."""
    # Imported here: the command line checks definitions without loading Jinja until a template
    # is there to check.
    from kartoteka.platform.sandbox import template_problem

    return template_problem(source, html=html)
