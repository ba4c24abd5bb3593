"""`omsorg assess FILE.json`, run as a separate process like a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.catalogue.personas import GRANTED_FACTS, ON_DATE

CLI = [sys.executable, "-m", "omsorg.catalogue.assess_cli"]


def run(tmp_path: Path, request, *args: str, raw: str | None = None, command=CLI):
    file = tmp_path / "request.json"
    file.write_text(raw if raw is not None else json.dumps(request), encoding="utf-8")
    return subprocess.run(
        [*command, str(file), *args], capture_output=True, text=True, timeout=60, check=False
    )


def request(service: str = "support_contact", **changes) -> dict:
    """A request for the granted family of `service`, with top-level fields replaced."""
    data = {
        "catalogue": "holtalen",
        "service": service,
        "on_date": ON_DATE.isoformat(),
        "facts": dict(GRANTED_FACTS[service]),
    }
    data.update(changes)
    return data


def test_valid_request_prints_the_evaluation(tmp_path):
    data = request()
    data["facts"]["requested_hours_per_month"] = 12
    done = run(tmp_path, data)
    assert (done.returncode, done.stderr) == (0, "")
    answer = json.loads(done.stdout)
    assert answer["service"] == "support_contact"
    # A guideline's level is no cap (issue 7 point 1.1): above it the need is judged.
    assert answer["suggestion"] == "discretion"
    assert (answer["granted_limit"], answer["guideline_level"]) == (None, 10)
    codes = [c["code"] for c in answer["criteria"]]
    assert "hours_per_month_max_10" in codes
    first = answer["criteria"][0]
    assert {"code", "result", "reason", "legal_basis"} <= set(first)
    assert first["reason"] == "Søkeren oppholder seg i kommunen."


def test_the_omsorg_command_runs_assess(tmp_path):
    done = run(
        tmp_path, request("farm_respite"), command=[sys.executable, "-m", "omsorg", "assess"]
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["suggestion"] == "granted"


@pytest.mark.parametrize(("lang", "start"), [("nn", "Søkjaren"), ("en", "The applicant")])
def test_lang_option_chooses_the_language_of_the_reasons(tmp_path, lang, start):
    done = run(tmp_path, request(), "--lang", lang)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["criteria"][0]["reason"].startswith(start)


def test_missing_facts_give_discretion_naming_them(tmp_path):
    done = run(tmp_path, request(facts={}))
    answer = json.loads(done.stdout)
    assert answer["suggestion"] == "discretion"
    assert "birth_date" in answer["missing_facts"]
    # The reason names the fact by its label, never by its key ("No raw codes", issue 7).
    assert any("«Fødselsdato»" in c["reason"] for c in answer["criteria"])
    assert not any("birth_date" in c["reason"] for c in answer["criteria"])
    assert answer["criteria"][0]["text"] == "Søkeren oppholder seg i kommunen."


def _assert_bad_input(done, *words: str):
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Feil:" in done.stderr and "Error:" in done.stderr
    for word in words:
        assert word in done.stderr


def test_unreadable_file(tmp_path):
    done = subprocess.run(
        [*CLI, str(tmp_path / "absent.json")], capture_output=True, text=True, check=False
    )
    _assert_bad_input(done, "Kan ikke lese", "Cannot read")


def test_file_that_is_a_directory(tmp_path):
    done = subprocess.run([*CLI, str(tmp_path)], capture_output=True, text=True, check=False)
    _assert_bad_input(done, "Cannot read")


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("{not json", ("ikke gyldig JSON", "not valid JSON")),
        ("[1, 2]", ("objekt", "object")),
        ("\udcff", ()),
    ],
)
def test_invalid_json(tmp_path, raw, words):
    file = tmp_path / "request.json"
    file.write_bytes(raw.encode("utf-8", "surrogateescape"))
    done = subprocess.run([*CLI, str(file)], capture_output=True, text=True, check=False)
    _assert_bad_input(done, *words)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"catalogue": "oslo"}, ("Ukjent katalog", "Unknown catalogue")),
        ({"catalogue": "../catalogues/holtalen"}, ("Unknown catalogue",)),
        ({"service": "massage"}, ("Ukjent tjeneste", "Unknown service", "support_contact")),
        ({"service": None}, ("service",)),
        ({"on_date": "2024-02-30"}, ("on_date", "YYYY-MM-DD")),
        ({"on_date": "15.05.2024"}, ("on_date",)),
        ({"on_date": 20240515}, ("on_date",)),
        ({"colour": "blue"}, ("Ukjent felt", "Unknown field")),
        ({"facts": {"favourite_colour": "blue"}}, ("Ukjent opplysning", "favourite_colour")),
        ({"facts": {"resident": "yes"}}, ("resident", "true or false")),
        ({"facts": {"hours_per_week": True}}, ("hours_per_week",)),
        ({"facts": {"birth_date": "2030-01-01"}}, ("birth_date",)),
        ({"facts": ["resident"]}, ("facts",)),
    ],
)
def test_bad_request(tmp_path, changes, words):
    data = {**request(), **changes}
    _assert_bad_input(run(tmp_path, data), *words)


@pytest.mark.parametrize("args", [(), ("a.json", "b.json"), ("--lang", "sv"), ("--verbose",)])
def test_bad_command_line(tmp_path, args):
    file = tmp_path / "request.json"
    file.write_text(json.dumps(request()), encoding="utf-8")
    argv = [str(file), *args] if args and args[0].startswith("--") else list(args)
    done = subprocess.run([*CLI, *argv], capture_output=True, text=True, check=False)
    _assert_bad_input(done)


def test_invalid_catalogue_file(tmp_path):
    catalogues = tmp_path / "catalogues"
    catalogues.mkdir()
    (catalogues / "holtalen.yaml").write_text("code: holtalen\n", encoding="utf-8")
    done = run(tmp_path, request(), "--catalogue-dir", str(catalogues))
    _assert_bad_input(done, "ugyldig", "not valid")


def test_help_goes_to_stdout(tmp_path):
    done = subprocess.run([*CLI, "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("usage: omsorg assess")
