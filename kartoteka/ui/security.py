"""The session cookie (signed, HttpOnly, SameSite=Lax) and CSRF tokens.

The cookie holds the session's random key, signed with the database's `cookie_signing` secret
(itsdangerous), so that a tampered cookie is refused before any lookup; the key itself is
checked against `kt_session`, so signing out ends it everywhere. The CSRF token of a session is
an HMAC of its key: nothing more to store, the same in every tab, and useless for another
session. Before signing in, the login form is protected the same way by a random key in a
short-lived cookie of its own.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "kartoteka_session"
LOGIN_COOKIE = "kartoteka_login"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
#: Methods that change something: each needs the CSRF token.
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOGIN_FORM_LIFETIME = 3600


class Signer:
    """Signs and checks cookie values with the database's secret."""

    def __init__(self, secret: str) -> None:
        self._secret = secret.encode()
        self._serializer = URLSafeTimedSerializer(secret, salt="kartoteka.cookie")

    def sign(self, value: str) -> str:
        return self._serializer.dumps(value)

    def unsign(self, signed: str | None, max_age: float) -> str | None:
        """The value of a cookie this server signed less than `max_age` seconds ago, else None."""
        if not signed:
            return None
        try:
            value = self._serializer.loads(signed, max_age=int(max_age))
        except BadSignature:  # also SignatureExpired
            return None
        return value if isinstance(value, str) else None

    def csrf_token(self, key: str) -> str:
        """The CSRF token that goes with a session key (or a login form's key)."""
        return hmac.new(self._secret, f"csrf:{key}".encode(), hashlib.sha256).hexdigest()

    def csrf_matches(self, key: str, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(self.csrf_token(key), given)


def new_key() -> str:
    return secrets.token_urlsafe(32)


def set_cookie(request: Request, response: Response, name: str, value: str,
               max_age: float) -> None:
    """An HttpOnly, SameSite=Lax cookie for the whole site; Secure when served over HTTPS."""
    response.set_cookie(
        name, value, max_age=int(max_age), path=_root(request), httponly=True, samesite="lax",
        secure=request.url.scheme == "https",
    )


def clear_cookie(request: Request, response: Response, name: str) -> None:
    response.delete_cookie(name, path=_root(request), httponly=True, samesite="lax",
                           secure=request.url.scheme == "https")


def _root(request: Request) -> str:
    return str(request.scope.get("root_path") or "") or "/"


async def submitted_csrf(request: Request) -> str | None:
    """The CSRF token a request carries: the htmx header, else the form's hidden field."""
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None
