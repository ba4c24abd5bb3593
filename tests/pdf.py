"""Read a PDF's text back with pdftotext (poppler-utils), for tests of letters and invoices.

A missing pdftotext fails the test rather than skipping it: CI must never skip, and the README's
test command installs it (scripts/system-packages.sh), as it installs Chromium for the browser.
"""

import shutil
import subprocess

import pytest


def pdf_text(pdf: bytes, *, layout: bool = False) -> str:
    """The PDF's text (UTF-8); ``layout`` keeps the columns of tables on their lines."""
    assert pdf.startswith(b"%PDF"), "not a PDF"
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is missing: run scripts/system-packages.sh")
    options = ["-layout"] if layout else []
    result = subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
        check=True,
    )  # fmt: skip
    return result.stdout.decode()
