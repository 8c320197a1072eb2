"""Accounts: users, logging in, web sessions, API tokens, server secrets, login throttling.
"""

from kartoteka.platform.accounts.login import LoginFailed, check_login, login
from kartoteka.platform.accounts.secrets import COOKIE_SIGNING, stored_secret
from kartoteka.platform.accounts.sessions import end_session, session_caller, start_session
from kartoteka.platform.accounts.throttle import account_key, clear_failures
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
    "LoginFailed",
    "User",
    "UserError",
    "account_key",
    "caller_of",
    "check_login",
    "clear_failures",
    "create_user",
    "end_session",
    "login",
    "revoke_token",
    "session_caller",
    "set_language",
    "set_time_zone",
    "start_session",
    "stored_secret",
]
