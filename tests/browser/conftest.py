"""Playwright fixtures and helpers for browser tests.

Fixtures:
    browser            session-scoped Chromium (Debian's /usr/bin/chromium, headless)
    page               a fresh context and page per test: locale nb-NO, timezone Europe/Oslo
    console_errors     list of console errors and uncaught exceptions seen on `page`
                       (CSP violations show up here)

Helpers (import with ``from .conftest import assert_accessible, login``):
    assert_accessible(page, *, context=None)   axe-core, WCAG 2.1 A/AA; fails on serious/critical
    assert_no_console_errors(console_errors)
    login(page, live_server, username, password)

Mark every browser test with ``@pytest.mark.browser``. A missing Chromium fails the test: CI
never skips. Never run ``playwright install``; install Debian's browser with
``apt-get install -y chromium``.
"""

import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# pytest-django's live_server runs Django in a thread while Playwright's sync API holds an event
# loop in the test thread; Django refuses ORM calls from a thread with a running loop unless told.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"

CHROMIUM = Path(os.environ.get("OMSORG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCALE = "nb-NO"
TIMEZONE = "Europe/Oslo"
DEFAULT_TIMEOUT_MS = 10_000

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
_AXE = Axe()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install Debian's browser with "
            "`apt-get install -y chromium` (never `playwright install`), "
            "or point OMSORG_CHROMIUM at a Chromium binary.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        except PlaywrightError as exc:
            pytest.fail(f"Chromium at {CHROMIUM} did not start: {exc}", pytrace=False)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale=LOCALE, timezone_id=TIMEZONE)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    new_page = context.new_page()
    yield new_page
    context.close()


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Console errors and uncaught exceptions on `page` from now on (CSP violations included)."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            errors.append(f"console: {message.text} ({where})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"exception: {exc}"))
    return errors


def assert_no_console_errors(console_errors: list[str]) -> None:
    assert not console_errors, "Browser console errors:\n" + "\n".join(console_errors)


def _format_violation(violation: dict) -> str:
    targets = "; ".join(
        " ".join(str(part) for part in node.get("target", [])) for node in violation["nodes"]
    )
    return (
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"    targets: {targets}\n"
        f"    more: {violation.get('helpUrl', '')}"
    )


def assert_accessible(page: Page, *, context: str | dict | list | None = None) -> None:
    """Run axe-core (bundled with axe-playwright-python) with the WCAG 2.1 A and AA rules.

    Fails when any violation is serious or critical, listing rule id, impact, targets and help;
    lesser violations become warnings. `context` is an axe context: a CSS selector such as
    "main", or {"include": [...], "exclude": [...]}; by default the whole document.
    """
    page.evaluate(_AXE.axe_script)
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "resultTypes": ["violations"],
    }
    results = page.evaluate(
        "([context, options]) => axe.run(context || document, options)", [context, options]
    )
    violations = results["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    minor = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
    if minor:
        details = "\n".join(map(_format_violation, minor))
        warnings.warn(f"axe (moderate/minor) on {page.url}:\n{details}", stacklevel=2)
    assert not blocking, (
        f"axe found {len(blocking)} serious/critical WCAG 2.1 A/AA violation(s) on {page.url}:\n"
        + "\n".join(map(_format_violation, blocking))
    )


def login(page: Page, live_server, username: str, password: str) -> None:
    """Log in through the real login page (labels in bokmål); fail if the login page comes back."""
    login_url = live_server.url + reverse("login")
    page.goto(login_url)
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Logg inn").click()
    if page.url.startswith(login_url):
        summary = page.locator(".ds-error-summary")
        detail = summary.inner_text() if summary.count() else "(no error summary shown)"
        pytest.fail(f"Login as {username!r} failed: {detail}", pytrace=False)
