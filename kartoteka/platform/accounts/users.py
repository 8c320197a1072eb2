"""Platform users: accounts with argon2-hashed passwords, stored in `kt_user`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, insert, select, update

from kartoteka.platform.zones import DEFAULT_ZONE, is_time_zone
from kartoteka.schema_engine import KartotekaError
from kartoteka.schema_engine.languages import LANGUAGES, is_language
from kartoteka.schema_engine.store import USERS
from kartoteka.schema_engine.types import text_key

MIN_PASSWORD = 8
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_hasher = PasswordHasher()


class UserError(KartotekaError):
    """A user cannot be created as asked; the message says why."""


@dataclass(frozen=True)
class User:
    """Who is making a request."""

    id: int
    email: str
    name: str
    is_admin: bool
    #: Their IANA time zone ("Europe/Chisinau"): dates and times are shown, and tasks grouped,
    #: in it.
    time_zone: str = "UTC"
    #: The language they chose at /account ("ru"), "" until they choose (platform/i18n.py).
    language: str = ""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def create_user(
    conn: Connection, email: str, password: str | None, *, is_admin: bool = False,
    name: str = "", time_zone: str = DEFAULT_ZONE,
) -> int:
    """Create an account and return its id; emails are unique as people read them (case,
    spaces, Unicode spelling and invisible characters aside: `types.text_key`)."""
    email = email.strip()
    if not _EMAIL.fullmatch(email):
        raise UserError(f"{email!r} is not an email address")
    _check_time_zone(time_zone)
    if password is not None and len(password) < MIN_PASSWORD:
        raise UserError(f"the password must have at least {MIN_PASSWORD} characters")
    key = text_key(email)
    taken = conn.execute(select(USERS.c.email).where(USERS.c.email_key == key)).first()
    if taken is not None:
        held = "" if taken.email == email else f" (as {taken.email})"
        raise UserError(f"a user with the email {email} already exists{held}")
    result = conn.execute(
        insert(USERS).values(
            email=email, email_key=key, name=name or email.split("@")[0], is_admin=is_admin,
            time_zone=time_zone,
            language="",  # written, since an upgraded SQLite column still defaults to "en"
            password_hash=hash_password(password) if password else None,
        ).returning(USERS.c.id)
    )
    return int(result.scalar_one())


def set_time_zone(conn: Connection, user_id: int, time_zone: str) -> None:
    """Change the user's time zone (an IANA name); raises UserError for an unknown one."""
    _check_time_zone(time_zone)
    conn.execute(update(USERS).where(USERS.c.id == user_id).values(time_zone=time_zone))


def set_language(conn: Connection, user_id: int, language: str) -> None:
    """Change the user's language ("" follows the browser); raises UserError for one that
    Kartoteka does not speak."""
    if language and not is_language(language):
        raise UserError(f"{language!r} is not a language Kartoteka speaks; use one of "
                        f"{', '.join(LANGUAGES)}, or an empty one to follow the browser")
    conn.execute(update(USERS).where(USERS.c.id == user_id).values(language=language))


def _check_time_zone(name: str) -> None:
    if not is_time_zone(name):
        raise UserError(f"{name!r} is not a time zone; use an IANA name such as "
                        "'Europe/Chisinau', 'America/New_York' or 'UTC'")


@cache
def _unknown_account_hash() -> str:
    """Verified against when the account does not exist, so that answering takes as long."""
    return _hasher.hash("no such account")


@dataclass(frozen=True)
class StoredLogin:
    """The active user with an email, if any, and their password hash (None: no password)."""

    user: User | None
    password_hash: str | None

    def matches(self, password: str) -> bool:
        """Whether `password` is theirs; as slow for an unknown account as for a known one."""
        return _password_matches(self.password_hash, password) and self.user is not None


def stored_login(conn: Connection, email: str) -> StoredLogin:
    """What checking a password for `email` (any case) needs: read first, checked later, so
    that no transaction stays open while argon2 runs."""
    # By key: 'Mixed.Case@Example.com' signs in as mixed.case@example.com. Should users of an
    # earlier release share a key, the one whose email is exactly the one typed comes first.
    row = conn.execute(
        select(USERS.c.id, USERS.c.email, USERS.c.name, USERS.c.is_admin, USERS.c.password_hash)
        .where(USERS.c.email_key == text_key(email), USERS.c.active)
        .order_by((USERS.c.email == email.strip()).desc(), USERS.c.id)
    ).first()
    if row is None:
        return StoredLogin(None, None)
    return StoredLogin(User(row.id, row.email, row.name, bool(row.is_admin)), row.password_hash)


def authenticate(conn: Connection, email: str, password: str) -> User | None:
    """The active user with this email (any case) and password, else None."""
    stored = stored_login(conn, email)
    return stored.user if stored.matches(password) else None


def _password_matches(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _unknown_account_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False
