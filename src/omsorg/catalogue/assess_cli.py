"""`omsorg assess FILE.json [--lang nb|nn|en] [--catalogue-dir DIR]`: criteria without a database.

Input: {"catalogue": "holtalen", "service": "support_contact", "on_date": "2024-05-01",
"facts": {...}}. Prints the evaluation as JSON on stdout and exits 0. Bad input prints a
message in Norwegian and English on stderr, nothing on stdout, and exits 2.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from omsorg.catalogue.assess import AssessError, evaluate_service
from omsorg.catalogue.criteria.facts import parse_iso_date
from omsorg.catalogue.spec import (
    CatalogueError,
    CatalogueNotFound,
    CatalogueSpec,
    ServiceTypeSpec,
    load_catalogue,
)

USAGE = "usage: omsorg assess FILE.json [--lang nb|nn|en] [--catalogue-dir DIR]\n"
LANGS = ("nb", "nn", "en")
REQUEST_KEYS = {"catalogue", "service", "on_date", "facts"}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
EXIT_BAD_INPUT = 2


def _error(key: str, nb: str, en: str) -> AssessError:
    return AssessError(key, nb, en)


def _parse_args(argv: list[str]) -> tuple[str, str, Path | None]:
    """(file, lang, catalogue_dir) from the arguments; AssessError on a bad command line."""
    options, positional = {"--lang": "nb", "--catalogue-dir": None}, []
    args = list(argv)
    while args:
        arg = args.pop(0)
        name, _, inline = arg.partition("=")
        if name in options:
            value = inline or (args.pop(0) if args else "")
            options[name] = value
        elif arg.startswith("--"):
            raise _error("argv", f"Ukjent valg {arg}.", f"Unknown option {arg}.")
        else:
            positional.append(arg)
    if len(positional) != 1:
        raise _error("argv", "Oppgi nøyaktig én JSON-fil.", "Give exactly one JSON file.")
    if options["--lang"] not in LANGS:
        raise _error("lang", "--lang må være nb, nn eller en.", "--lang must be nb, nn or en.")
    directory = options["--catalogue-dir"]
    return positional[0], options["--lang"], Path(directory) if directory else None


def _read_request(file: str) -> dict[str, Any]:
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _error(
            "file", f"Kan ikke lese filen {file}: {error}", f"Cannot read the file {file}: {error}"
        ) from None
    try:
        request = json.loads(text)
    except json.JSONDecodeError as error:
        raise _error(
            "file", f"Filen er ikke gyldig JSON: {error}", f"The file is not valid JSON: {error}"
        ) from None
    if not isinstance(request, dict):
        raise _error("file", "JSON-en må være et objekt.", "The JSON must be an object.")
    return request


def _check_request(request: dict[str, Any]) -> None:
    for key in sorted(set(request) - REQUEST_KEYS):
        raise _error(key, f"Ukjent felt «{key}».", f"Unknown field '{key}'.")
    for key in ("catalogue", "service", "on_date"):
        if not isinstance(request.get(key), str):
            raise _error(
                key,
                f"Feltet «{key}» mangler eller er ikke tekst.",
                f"The field '{key}' is missing or not a string.",
            )


def _catalogue(name: str, directory: Path | None) -> CatalogueSpec:
    unknown = _error("catalogue", f"Ukjent katalog «{name}».", f"Unknown catalogue '{name}'.")
    if not _NAME.match(name):
        raise unknown  # only names, never paths, come from the request
    try:
        return load_catalogue(name, directory)
    except CatalogueNotFound:
        raise unknown from None
    except CatalogueError as error:
        raise _error(
            "catalogue",
            f"Katalogen «{name}» er ugyldig: {error}",
            f"The catalogue '{name}' is not valid: {error}",
        ) from None


def _service(catalogue: CatalogueSpec, code: str) -> ServiceTypeSpec:
    try:
        return catalogue.service(code)
    except CatalogueError:
        known = ", ".join(s.code for s in catalogue.services)
        raise _error(
            "service",
            f"Ukjent tjeneste «{code}». Kjente: {known}.",
            f"Unknown service '{code}'. Known: {known}.",
        ) from None


def assess_request(
    request: dict[str, Any], lang: str = "nb", catalogue_dir: Path | None = None
) -> dict[str, Any]:
    """The JSON answer for one request; AssessError for any bad input."""
    _check_request(request)
    catalogue = _catalogue(request["catalogue"], catalogue_dir)
    service = _service(catalogue, request["service"])
    on_date = parse_iso_date("on_date", request["on_date"])
    facts = request.get("facts")
    evaluation = evaluate_service(service, {} if facts is None else facts, on_date)
    answer = {
        "catalogue": catalogue.code,
        "catalogue_version": catalogue.version_label,
        "municipality": catalogue.municipality_name,
        "service_name": service.names[lang],
        "lang": lang,
        **evaluation.to_dict(lang),
        "missing_facts": list(evaluation.missing_facts),
    }
    return answer


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        sys.stdout.write(USAGE)
        return 0
    try:
        file, lang, catalogue_dir = _parse_args(argv)
        answer = assess_request(_read_request(file), lang, catalogue_dir)
    except AssessError as error:
        # The request's field is named on its own line, so a message in plain words (for
        # the pages) still tells the JSON's author where to look.
        field = f"Felt / field: {error.key}\n" if error.key else ""
        sys.stderr.write(f"Feil: {error.message_nb}\nError: {error.message_en}\n{field}{USAGE}")
        return EXIT_BAD_INPUT
    sys.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
