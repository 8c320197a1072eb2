"""Limits of the template sandbox: a template that would run for ever or fill the memory fails
with a message naming the limit, and compiling one (saving a definition) evaluates nothing."""

from __future__ import annotations

import resource
import time

import pytest

from kartoteka.platform import sandbox
from kartoteka.platform.sandbox import TemplateLimit, check_template, render_text

#: Generous bounds for a busy machine: far below what an unlimited render takes (minutes, or
#: gigabytes), far above what a limited one does.
SECONDS = 60.0
MEGABYTES = 300


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize(("source", "says"), [
    ("{{ 'x' * 10**9 }}", "would be longer than 5,000,000 characters"),
    ("{{ 9 ** (9 ** 9) }}", "a template may compute numbers of up to 33,220 bits"),
    ("{{ 'x'|center(10**9) }}", "would be longer than 5,000,000 characters"),
    ("{{ 'x'.ljust(10**9) }}", "would be longer than 5,000,000 characters"),
    ("{{ 'x'.encode() * 10**9 }}", "would be longer than 5,000,000 characters"),
    ("{{ '{:>{}}'.format(1, 10**9) }}", "would be longer than 5,000,000 characters"),
    ("{{ '%*s' % (10**9, 'x') }}", "would be longer than 5,000,000 characters"),
    ("{{ ('x' * 1000000)|replace('x', 'x' * 1000000) }}", "would be longer than 5,000,000"),
    ("{{ range(100000)|map('string')|join('x' * 1000000) }}", "would be longer than 5,000,000"),
    ("{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
     "{% endfor %}{{ ns.s }}", "would be longer than 5,000,000 characters"),
    ("{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}",
     "rendered more than 5,000,000 characters, the limit"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     "ran longer than 5 s, the limit"),
    ("{% set r = range(100000) %}{% for a in r %}{% for b in r %}{% for c in r %}{% endfor %}"
     "{% endfor %}{% endfor %}", "ran longer than 5 s, the limit"),
    ("{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(60) }}",
     "ran longer than 5 s, the limit"),
])
def test_a_template_past_a_limit_fails_naming_it(source: str, says: str) -> None:
    before, started = _max_rss_mb(), time.monotonic()
    with pytest.raises(TemplateLimit, match=says):
        render_text(source, {})
    assert time.monotonic() - started < SECONDS
    assert _max_rss_mb() - before < MEGABYTES


def test_placeholder_text_is_not_there_to_ask_for_in_bulk() -> None:
    with pytest.raises(sandbox.TemplateProblem, match="'lipsum' is undefined"):
        render_text("{{ lipsum(10**6) }}", {})


def test_templates_within_the_limits_render_as_before() -> None:
    source = ("{{ 'a' ~ 'b' }} {{ 1 + 2 }} {{ 'x' * 3 }} {{ 2 ** 10 }} {{ '%5s' % 'a' }} "
              "{{ [1, 2]|join(',') }} {% for i in range(3) %}{{ loop.index }}{% endfor %} "
              "{{ '{:,}'.format(12000000) }} {{ 'ab'|center(6) }}|{{ ('x' * 100000)|length }}")
    assert render_text(source, {}) == "ab 3 xxx 1024     a 1,2 123 12,000,000   ab  |100000"


def test_the_clock_is_the_renders_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.5)
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(TemplateLimit, match=r"ran longer than 0\.5 s"):
        render_text(loops, {})
    assert time.monotonic() - started >= 0.5
    assert render_text("{{ 1 }}", {}) == "1"  # the next render has its own clock


@pytest.mark.parametrize("source", [
    "{{ 9 ** (9 ** 9) }}", "{{ 'x'|center(10**9) }}", "{{ ('x' * 10**9)|length }}",
    "{% if 9 ** (9 ** 9) %}x{% endif %}",
])
def test_compiling_evaluates_nothing(source: str) -> None:
    # Jinja folds constant output while compiling: unlimited, `'x'|center(10**8)` alone takes
    # seconds and 100 MB, `9 ** (9 ** 9)` minutes.
    before, started = _max_rss_mb(), time.monotonic()
    check_template(source)
    assert time.monotonic() - started < 5.0
    assert _max_rss_mb() - before < MEGABYTES
