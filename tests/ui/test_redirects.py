"""`same_site_path`: the one check of every next=/back= target."""

from __future__ import annotations

import pytest

from kartoteka.ui.redirects import same_site_path
from tests.support.redirects import BYPASSES, SAME_SITE


@pytest.mark.parametrize("target", BYPASSES)
def test_a_target_a_browser_reads_as_another_site_is_refused(target: str) -> None:
    assert same_site_path(target) is None


@pytest.mark.parametrize("target", SAME_SITE)
def test_a_path_on_this_site_is_kept_as_it_is(target: str) -> None:
    assert same_site_path(target) == target


@pytest.mark.parametrize("target", [None, "", "/" + "a" * 5000])
def test_nothing_or_too_long_is_refused(target: str | None) -> None:
    assert same_site_path(target) is None
