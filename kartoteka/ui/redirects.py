"""Where a page may send the browser next: every `next=` and `back=` target goes through
`same_site_path`, which accepts only a path on this site as a browser will actually read it.

Browsers are lenient: they drop tabs and newlines anywhere in a URL, strip spaces and control
characters at its ends, treat a backslash as a slash, and a URL starting with two slashes
(`//evil.com`, `/\\evil.com`, `/\t/evil.com`) is another host. So a target is refused when it has
any control character or surrounding space, and is checked three times: as sent, with its
percent-escapes decoded (a server or a second redirect may decode them) and in Unicode
compatibility form (NFKC maps look-alikes such as "／" to "/"); each must start with exactly one
slash once backslashes count as slashes. Anything else (schemes such as `https:`,
`javascript:`, `data:`; relative paths; `//host`) is None: the caller's own default instead.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote

#: Longer targets are refused: no page of ours has an address this long.
LONGEST = 4000


def same_site_path(target: str | None) -> str | None:
    """`target` when it is a path on this site (e.g. "/records/deal?stage=won"), else None."""
    if not target or len(target) > LONGEST or not target.isprintable() or target != target.strip():
        return None
    decoded = unquote(target)
    forms = (target, decoded, unicodedata.normalize("NFKC", decoded))
    if all(_one_leading_slash(form) for form in forms) and decoded.isprintable():
        return target
    return None


def _one_leading_slash(form: str) -> bool:
    slashed = form.replace("\\", "/")
    return slashed.startswith("/") and not slashed.startswith("//")
