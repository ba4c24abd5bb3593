"""Production settings refuse to start with a weak DJANGO_SECRET_KEY (issue 8 §1, report L6).

Bearer tokens and the password fingerprints in them are HMACs under the key: a short or known key
would let anyone forge a token. Each case starts a fresh Python, as a server start would.
"""

import os
import secrets
import subprocess
import sys

import pytest

from omsorg import settings as omsorg_settings

START = "import django; django.setup(); print('started')"


def start(tmp_path, key: str | None, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env |= {"OMSORG_ENV": "production", "OMSORG_VAR_DIR": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "omsorg.settings"
    if key is not None:
        env["DJANGO_SECRET_KEY"] = key
    command = list(args) or [sys.executable, "-c", START]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "key",
    [
        None,
        "x",  # the report's `DJANGO_SECRET_KEY=x`
        secrets.token_urlsafe(64)[:49],
        omsorg_settings.DEV_SECRET_KEY,
        "a" * 80,
        "django-insecure-" + secrets.token_urlsafe(64),
    ],
    ids=["missing", "x", "49-chars", "dev-key", "repetitive", "django-insecure"],
)
def test_production_refuses_a_weak_secret_key(tmp_path, key):
    result = start(tmp_path, key)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "started" not in result.stdout


def test_the_reports_check_deploy_command_fails_with_the_key_x(tmp_path):
    # `OMSORG_ENV=production DJANGO_SECRET_KEY=x omsorg check --deploy` gave only W009.
    result = start(tmp_path, "x", sys.executable, "-m", "omsorg", "check", "--deploy")
    assert result.returncode != 0
    assert "at least 50" in result.stderr


def test_production_starts_with_a_strong_key(tmp_path):
    result = start(tmp_path, secrets.token_urlsafe(64))
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout
