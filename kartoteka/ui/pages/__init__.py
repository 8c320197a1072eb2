"""The UI's pages, one folder per page family, each with its routes in `routes.py` (`router`;
a family with two sets of pages has a second module of routes, named in its docstring).

`kartoteka.ui.install_ui` includes every family's routers. Families build on the UI's core
(`context`, `templating`, `labels`, `fields`...), never the other way round (import-linter).
A family's modules are its own; the few names another family uses are listed in its docstring.
"""
