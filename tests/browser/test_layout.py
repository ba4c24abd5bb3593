"""The page foundation in a real browser: base.html, includes/, the login page and error pages.

The pages are rendered with Django's template engine (no views, no database) and served, with the
vendored static files and the production Content-Security-Policy header, by a tiny HTTP server on
127.0.0.1. So these tests run even while the domain apps are half-built; if omsorg.settings does
not load, run them with the minimal settings:

    .venv/bin/python -m pytest tests/browser/test_layout.py --ds=tests.browser.minimal_settings

Screenshots go to /tmp/omsorg-login.png and /tmp/omsorg-shell.png for a look by eye.
"""

import datetime
import mimetypes
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.template import engines, loader
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from .conftest import assert_accessible, assert_no_console_errors, login

pytestmark = pytest.mark.browser

# The policy in omsorg/settings.py; used when the settings in force define none (minimal settings).
DEFAULT_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
}
ACCENT_BASE = "rgb(0, 98, 186)"  # Designsystemet default theme, --ds-color-accent-base-default


def _csp_header() -> str:
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
    directives = policy.get("DIRECTIVES") or DEFAULT_CSP
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class PageServer:
    """Serves rendered pages from memory and static files through Django's staticfiles finders."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.csp = _csp_header()
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def add(self, path: str, html: str) -> str:
        self.pages[urlsplit(path).path] = html
        return self.base_url + path

    def lookup(self, path: str) -> tuple[int, str, bytes]:
        if path in self.pages:
            return 200, "text/html; charset=utf-8", self.pages[path].encode()
        if path.startswith(self.static_prefix):
            found = finders.find(path.removeprefix(self.static_prefix))
            if found:
                content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                return 200, content_type, Path(found).read_bytes()
        return 404, "text/plain", b"not found"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                status, content_type, body = server.lookup(urlsplit(self.path).path)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Content-Security-Policy", server.csp)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args) -> None:  # noqa: A002 (signature from base)
                pass

        return Handler


@pytest.fixture(scope="module")
def page_server() -> Iterator[PageServer]:
    server = PageServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def _request(path: str, user=None):
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    return request


def nb(msgid: str, **values) -> str:
    """The bokmål text the pages show for an English msgid (the msgid itself until translated)."""
    with translation.override("nb"):
        text = translation.gettext(msgid)
    return text % values if values else text


def render(template_name: str, context: dict | None = None, *, path: str = "/", user=None) -> str:
    with translation.override("nb"):
        return loader.render_to_string(template_name, context, request=_request(path, user))


def render_string(source: str, context: dict, *, path: str, user=None) -> str:
    with translation.override("nb"):
        template = engines["django"].from_string(source)
        return template.render(context, request=_request(path, user))


def test_login_page_is_accessible_and_styled(page: Page, console_errors, page_server):
    url = page_server.add(
        "/logg-inn/", render("registration/login.html", {"form": AuthenticationForm()})
    )

    page.goto(url)

    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page).to_have_title("Logg inn – Omsorg")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn")
    expect(page.get_by_label("Brukernavn")).to_be_visible()
    expect(page.get_by_label("Passord", exact=True)).to_have_attribute("type", "password")
    expect(page.get_by_role("navigation", name=nb("Main menu"))).to_have_count(0)
    button = page.get_by_role("button", name="Logg inn")
    expect(button).to_have_css("background-color", ACCENT_BASE)  # Designsystemet CSS loaded
    expect(page.get_by_label("Brukernavn")).to_be_focused()  # Django's autofocus on the login form
    htmx_config = page.evaluate("() => window.htmx && htmx.config")  # loaded, CSP-safe settings
    assert htmx_config["allowEval"] is False
    assert htmx_config["includeIndicatorStyles"] is False
    assert htmx_config["historyCacheSize"] == 0
    assert_accessible(page)
    page.screenshot(path="/tmp/omsorg-login.png", full_page=True)
    assert_no_console_errors(console_errors)


def test_login_errors_are_summarised_and_linked_to_fields(page: Page, console_errors, page_server):
    form = AuthenticationForm(data={"username": "", "password": ""})
    assert not form.is_valid()
    url = page_server.add("/logg-inn/feil/", render("registration/login.html", {"form": form}))

    page.goto(url)

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()  # autofocus: keyboard users land on the errors
    expect(summary.get_by_role("link")).to_have_count(2)
    username = page.get_by_label("Brukernavn")
    expect(username).to_have_attribute("aria-invalid", "true")
    described_by = username.get_attribute("aria-describedby") or ""
    assert "id_username_error" in described_by.split()
    expect(page.locator("#id_username_error")).to_be_visible()
    summary.get_by_role("link").first.click()
    expect(username).to_be_focused()
    assert_accessible(page)
    assert_no_console_errors(console_errors)


class ShowcaseForm(forms.Form):
    name = forms.CharField(label="Navn", help_text="Fornavn og etternavn.")
    email = forms.EmailField(label="E-post", required=False)
    service = forms.ChoiceField(
        label="Tjeneste",
        choices=[("", "Velg"), ("respite", "Avlastning"), ("home", "Hjemmetjeneste")],
    )
    note = forms.CharField(label="Merknad", widget=forms.Textarea, required=False)
    start = forms.DateField(label="Startdato", widget=forms.DateInput(attrs={"type": "date"}))
    period = forms.ChoiceField(
        label="Periode", widget=forms.RadioSelect, choices=[("week", "Uke"), ("month", "Måned")]
    )
    days = forms.MultipleChoiceField(
        label="Dager",
        widget=forms.CheckboxSelectMultiple,
        choices=[("mon", "Mandag"), ("tue", "Tirsdag")],
        required=False,
    )
    consent = forms.BooleanField(label="Samtykke er innhentet")


SHOWCASE = """{% extends "base.html" %}
{% block title %}Arbeidsliste – {{ block.super }}{% endblock %}
{% block breadcrumbs %}
<nav class="ds-breadcrumbs" aria-label="Brødsmuler"><ol>
  <li><a class="ds-link" href="/">Forside</a></li>
  <li><a class="ds-link" href="/arbeidsliste/" aria-current="page">Arbeidsliste</a></li>
</ol></nav>
{% endblock %}
{% block content %}
<h1 class="ds-heading" data-size="lg">Arbeidsliste</h1>
<div class="app-table-wrap">
<table class="ds-table" data-border>
  <caption>Saker med frister</caption>
  <thead><tr><th scope="col">Sak</th><th scope="col">Frist</th></tr></thead>
  <tbody>{% for row in rows %}
    <tr><th scope="row">{{ row.name }}</th>
    <td>{% include "includes/deadline_badge.html" with state=row.state date=row.date %}</td></tr>
  {% endfor %}</tbody>
</table>
</div>
{% include "includes/pagination.html" %}
<h2 class="ds-heading" data-size="md">Ny søknad</h2>
{% include "includes/form_errors.html" %}
<form class="app-form" method="post" novalidate>
  {% for field in form %}{% include "includes/field.html" %}{% endfor %}
  <div class="app-actions"><button class="ds-button" type="submit">Lagre</button>
  <a class="ds-button" data-variant="secondary" href="/">Avbryt</a></div>
</form>
{% endblock %}"""


def _showcase_context() -> dict:
    today = datetime.date(2026, 3, 16)
    rows = [
        SimpleNamespace(name="Søknad om avlastning", state="overdue", date=today),
        SimpleNamespace(name="Klage på vedtak", state="due_today", date=today),
        SimpleNamespace(name="Revurdering", state="due_soon", date=today),
        SimpleNamespace(name="Foreløpig svar", state="ok", date=None),
    ]
    form = ShowcaseForm(data={"name": "", "email": "ikke-epost", "service": "", "period": ""})
    form.is_valid()
    return {
        "rows": rows,
        "form": form,
        "page_obj": Paginator(range(60), 20).page(2),
        "nav_items": [
            {"url": "/arbeidsliste/", "label": "Arbeidsliste", "current": True},
            {"url": "/personer/", "label": "Personer", "current": False},
            {"url": "/katalog/", "label": "Tjenestekatalog", "current": False},
        ],
        "messages": [
            Message(message_levels.SUCCESS, "Søknaden er lagret."),
            Message(message_levels.ERROR, "Vedtaket kunne ikke sendes."),
        ],
    }


def _caseworker():
    return SimpleNamespace(
        is_authenticated=True,
        is_anonymous=False,
        role="showcase",  # matches no role, so omsorg's navigation context processor adds nothing
        get_full_name=lambda: "Kari Nordmann",
        get_username=lambda: "kari",
        get_role_display=lambda: "Saksbehandler",
    )


def test_page_shell_with_navigation_table_badges_form_and_pagination(
    page: Page, console_errors, page_server
):
    html = render_string(
        SHOWCASE, _showcase_context(), path="/arbeidsliste/?status=open&page=2", user=_caseworker()
    )
    url = page_server.add("/arbeidsliste/?status=open&page=2", html)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)

    expect(page.get_by_text("Kari Nordmann")).to_be_visible()
    nav = page.get_by_role("navigation", name=nb("Main menu"))
    expect(nav.get_by_role("link", name="Arbeidsliste")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("status")).to_have_text("Søknaden er lagret.")
    expect(page.locator(".app-messages").get_by_role("alert")).to_have_text(
        "Vedtaket kunne ikke sendes."
    )
    badges = page.locator(".app-deadline")
    expect(badges).to_have_count(4)
    expect(badges.first).to_contain_text("16.03.2026")
    pages = page.get_by_role("navigation", name=nb("Pages"))
    expect(
        pages.get_by_role("link", name=nb("Page %(number)s", number=2), exact=True)
    ).to_have_attribute("aria-current", "page")
    expect(pages.get_by_role("link", name=nb("Next"), exact=True)).to_have_attribute(
        "href", "?status=open&page=3"
    )
    expect(page.get_by_role("radio", name="Uke")).to_be_visible()
    expect(page.get_by_label("Tjeneste")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(page)
    page.screenshot(path="/tmp/omsorg-shell.png", full_page=True)
    assert_no_console_errors(console_errors)


@pytest.mark.parametrize("template_name", ["403.html", "404.html"])
def test_error_pages_with_request_context(page: Page, console_errors, page_server, template_name):
    url = page_server.add(f"/{template_name}", render(template_name, {}))

    page.goto(url)

    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    page.keyboard.press("Tab")  # the skip link comes first and shows itself on focus
    skip = page.get_by_role("link", name=nb("Skip to main content"))
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    assert_accessible(page)
    assert_no_console_errors(console_errors)


def test_server_error_page_renders_without_any_context(page: Page, console_errors, page_server):
    with translation.override("nb"):
        html = loader.get_template("500.html").render()  # as django.views.defaults.server_error
    url = page_server.add("/500.html", html)

    page.goto(url)

    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(page)
    assert_no_console_errors(console_errors)


@pytest.mark.django_db(transaction=True)
def test_login_helper_language_switch_and_logout_on_live_server(
    page: Page, live_server, django_user_model
):
    django_user_model.objects.create_user(username="ola", password="korrekt-hest-batteri-staple")

    login(page, live_server, "ola", "korrekt-hest-batteri-staple")

    logout = page.get_by_role("button", name=nb("Log out"))
    expect(logout).to_be_visible()
    page.get_by_label(nb("Language")).select_option("nn")
    page.get_by_role("button", name=nb("Change language")).click()
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    page.locator("form[action$='/i18n/setlang/'] select").select_option("nb")
    page.locator("form[action$='/i18n/setlang/'] button").click()
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    logout.click()
    expect(page).to_have_url(live_server.url + reverse("login"))
