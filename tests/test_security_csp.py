"""Issue 8, Security: a Content Security Policy without inline scripts, and no framing.

The policy allows scripts and stylesheets from the portal itself only. No template may hold an
inline script, an event handler attribute, a ``javascript:`` link, an htmx ``hx-on`` handler (it
needs ``eval``) or a ``style`` attribute; the few ``<style>`` elements (shared with the PDFs,
shown in a browser by the printable site visit programme) carry the request's nonce.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from .factories_accreditation import ClauseFactory, FrameworkFactory
from .factories_accreditation_cycles import CycleFactory, MemberFactory

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
SOURCES = sorted(
    path
    for app in ("governance", "documents", "surveys", "accreditation", "qa_portal")
    for path in (ROOT / app).rglob("*.py")
    if "migrations" not in path.parts
)
TAG = re.compile(r"<[a-zA-Z][^<>]*>")
INLINE = [
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "an inline event handler"),
    (re.compile(r"\sstyle\s*=", re.IGNORECASE), "a style attribute"),
    (re.compile(r"\shx-on", re.IGNORECASE), "an hx-on handler"),
    (re.compile(r"=\s*[\"']?\s*javascript:", re.IGNORECASE), "a javascript: link"),
]
NONCED_STYLE = '<style nonce="{{ CSP_NONCE }}">'


def _problems(path):
    text = path.read_text(encoding="utf-8")
    found = []
    for tag in TAG.findall(text):
        if tag.lower().startswith("<script") and "src=" not in tag:
            found.append(f"{path.name}: an inline script {tag}")
        if tag.lower().startswith("<style") and tag != NONCED_STYLE:
            found.append(f"{path.name}: a <style> without the CSP nonce {tag}")
        found.extend(f"{path.name}: {what} {tag}" for rule, what in INLINE if rule.search(tag))
    return found


def test_templates_hold_no_inline_script_handler_or_style_attribute():
    assert len(TEMPLATES) > 100
    problems = [problem for path in TEMPLATES for problem in _problems(path)]
    assert problems == []


def test_markup_made_in_python_holds_no_inline_script_or_style():
    """The SVG charts and other HTML built in code follow the same policy."""
    problems = [problem for path in SOURCES for problem in _problems(path)]
    assert problems == []


def test_the_scan_finds_what_the_policy_would_block(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        '<script>alert(1)</script><a href="javascript:go()">x</a><button onclick="go()">'
        '<p style="color:red"><div hx-on:click="go()"><style>p{}</style>'
        '<script src="/static/ok.js"></script>'
    )
    assert len(_problems(page)) == 6


def _policy(response):
    directives = (part.strip().split() for part in response["Content-Security-Policy"].split(";"))
    return {words[0]: words[1:] for words in directives if words}


def test_pages_send_a_strict_policy_and_refuse_framing(client, world):
    client.force_login(world.users["qa_manager"])
    response = client.get(reverse("home"))
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    # A page that shows no inline stylesheet reads no nonce and allows none.
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert scripts and all(' src="/static/' in script for script in scripts)


def test_the_sign_in_page_refuses_framing_too(client, db):
    response = client.get(reverse("login"))
    assert _policy(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_printable_visit_programme_styles_itself_with_the_nonce(client, world):
    framework = FrameworkFactory(code="IAAR-PROG")
    ClauseFactory(framework=framework, code="1")
    cycle = CycleFactory(framework=framework)
    MemberFactory(cycle=cycle, person=world.users["member"])
    client.force_login(world.users["member"])
    response = client.get(reverse("accreditation:visit_print", args=[cycle.pk]))
    assert response.status_code == 200
    (nonce,) = re.findall(r'<style nonce="([^"]+)">', response.content.decode())
    assert _policy(response)["style-src"] == ["'self'", f"'nonce-{nonce}'"]
