"""Accounts: users, signing in (throttled, with a machine-wide cap on password checks), web
sessions, API tokens, server secrets.
"""

from kartoteka.platform.accounts.checks import ChecksBusy, PasswordChecks
from kartoteka.platform.accounts.login import LoginFailed, let_in, login, sign_in
from kartoteka.platform.accounts.secrets import COOKIE_SIGNING, stored_secret
from kartoteka.platform.accounts.sessions import end_session, session_caller, start_session
from kartoteka.platform.accounts.throttle import AddressThrottled, address_key
from kartoteka.platform.accounts.tokens import caller_of, revoke_token
from kartoteka.platform.accounts.users import (
    User,
    UserError,
    create_user,
    set_language,
    set_time_zone,
)

__all__ = [
    "COOKIE_SIGNING",
    "AddressThrottled",
    "ChecksBusy",
    "LoginFailed",
    "PasswordChecks",
    "User",
    "UserError",
    "address_key",
    "caller_of",
    "create_user",
    "end_session",
    "let_in",
    "login",
    "revoke_token",
    "session_caller",
    "set_language",
    "set_time_zone",
    "sign_in",
    "start_session",
    "stored_secret",
]
