"""`omsorg import KIND FILE.csv [--municipality NUMBER]` and `omsorg import --undo EVENT_ID`.

Exit 0 and a summary on stdout; exit 2 and every bad row on stderr (nothing loaded).
Messages are given in bokmål and English, as the API gives them.
"""

import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from omsorg.core.errors import OmsorgError
from omsorg.steering.import_rows import KINDS
from omsorg.steering.row_messages import row_message
from omsorg.steering.selectors import import_event_get, municipality_by_number
from omsorg.steering.services import ImportRefused, import_file, import_undo

BAD_INPUT = 2


def _both(render) -> str:
    """A text in bokmål, then English: '<nb> | <en>'."""
    texts = []
    for language in ("nb", "en"):
        with translation.override(language):
            texts.append(str(render()))
    return texts[0] if texts[0] == texts[1] else f"{texts[0]} | {texts[1]}"


def _line_word(language: str) -> str:
    return "linje" if language != "en" else "line"


class Command(BaseCommand):
    help = "Import steering data from a CSV file (issue 9 §1), or undo an import."
    # As `omsorg report`: the system checks would import every URL module (the planning
    # engines' OR-Tools and pandas) on each run; the deployment runs `omsorg check` once.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("kind", nargs="?", choices=KINDS)
        parser.add_argument("file", nargs="?", type=Path)
        parser.add_argument("--municipality", help="the municipality's 4-digit number")
        parser.add_argument("--undo", type=int, metavar="EVENT_ID", help="undo this import")

    def handle(self, *args, **options):
        try:
            if options["undo"] is not None:
                return self._undo(options)
            return self._import(options)
        except ImportRefused as refused:
            self._report_rows(options["file"], refused)
        except OmsorgError as error:
            raise CommandError(_both(error.text), returncode=BAD_INPUT) from error
        raise CommandError(
            f"{options['file']}: ingenting er importert | nothing was imported",
            returncode=BAD_INPUT,
        )

    def _import(self, options) -> None:
        kind, path = options["kind"], options["file"]
        if kind is None or path is None:
            raise CommandError("usage: omsorg import KIND FILE.csv", returncode=BAD_INPUT)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}", returncode=BAD_INPUT) from error
        municipality = municipality_by_number(options["municipality"])
        event = import_file(
            actor=None,
            municipality=municipality,
            kind=kind,
            content=content,
            file_name=path.name,
            actor_label=getpass.getuser(),
        )
        self.stdout.write(
            f"import {event.pk}: {kind} {municipality.number} rows={event.row_count} "
            f"created={event.created_count} updated={event.updated_count} "
            f"replaced={event.replaced_count} sha256={event.file_sha256}"
        )

    def _undo(self, options) -> None:
        municipality = (
            municipality_by_number(options["municipality"]) if options["municipality"] else None
        )
        event = import_event_get(municipality, options["undo"])
        import_undo(actor=None, event=event, actor_label=getpass.getuser())
        self.stdout.write(f"import {event.pk}: {event.kind} undone")

    def _report_rows(self, path, refused: ImportRefused) -> None:
        for error in refused.errors:
            texts = []
            for language in ("nb", "en"):
                with translation.override(language):
                    texts.append(f"{_line_word(language)} {error.line}: {row_message(error)}")
            self.stderr.write(f"{path}:{error.line}: {texts[0]} | {texts[1]}")
