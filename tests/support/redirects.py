"""Known families of open-redirect bypasses, each a target that a browser would read as another
site (or as a script), for the redirect tests: on the raw Location header and in Chromium."""

from __future__ import annotations

#: The host the bypasses point to; a test fails if a browser ever asks it for anything.
EVIL = "evil.example"

BYPASSES = [
    f"//{EVIL}",                         # scheme-relative
    f"///{EVIL}",                        # extra slashes
    f"////{EVIL}/path",
    f"/\\{EVIL}",                        # a backslash is a slash to a browser
    f"\\\\{EVIL}",
    f"\\/{EVIL}",
    f"/\t/{EVIL}",                       # tabs and newlines are dropped by browsers
    f"/\n/{EVIL}",
    f"/\r\n/{EVIL}",
    f"\t//{EVIL}",
    f" //{EVIL}",                        # leading space is stripped
    f"/%09/{EVIL}",                      # encoded tab, slash, backslash
    f"/%2F{EVIL}",
    f"/%2f/{EVIL}",
    f"/%5C{EVIL}",
    f"%2F%2F{EVIL}",
    f"https:{EVIL}",                     # schemes, with or without slashes
    f"https://{EVIL}",
    f"http:/\\{EVIL}",
    f"HTTPS://{EVIL}",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    f"//user@{EVIL}",                    # credentials forms
    f"/\\user:pass@{EVIL}",
    f"//{EVIL}@127.0.0.1",
    f"/／{EVIL}",                        # look-alikes (fullwidth solidus, reverse solidus)
    f"／／{EVIL}",
    f"/＼{EVIL}",
    f"{EVIL}",                           # not a path at all
    f"/\x00/{EVIL}",
    f"/\u200b/{EVIL}",                   # zero-width space
]

#: Paths on the site, as pages send them: kept as they are.
SAME_SITE = [
    "/",
    "/records/deal?stage=won",
    "/records/deal?stage=won&sort=-amount#top",
    "/records/client?q=%D0%9E%D0%BB%D1%8C%D0%B3%D0%B0",
    "/records/client?q=Ольга",
    f"/@{EVIL}",                         # a path on this site that merely mentions a host
    "/records/deal?back=%2Frecords%2Fclient",
]
