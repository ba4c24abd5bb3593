"""`omsorg import_plan FILE.yaml --unit CODE [--municipality NUMBER] [--year YYYY]`.

Stores a business plan (issue 9 §5) on the unit: every goal area, goal and measure, or nothing.
Exit 2 and every problem by its YAML path on stderr, in bokmål and English.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from omsorg.core.errors import OmsorgError
from omsorg.steering.plan_selectors import unit_by_code
from omsorg.steering.plan_services import PlanRefused, plan_import

BAD_INPUT = 2


def _both(render) -> str:
    texts = []
    for language in ("nb", "en"):
        with translation.override(language):
            texts.append(str(render()))
    return texts[0] if texts[0] == texts[1] else f"{texts[0]} | {texts[1]}"


class Command(BaseCommand):
    help = "Import a unit's business plan from a YAML file (issue 9 §5); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--unit", required=True, help="the unit's code")
        parser.add_argument("--municipality", help="the municipality's 4-digit number")
        parser.add_argument("--company", help="or: the intermunicipal company's name")
        parser.add_argument("--year", type=int, help="the plan's year (else the file's)")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}", returncode=BAD_INPUT) from error
        try:
            unit = unit_by_code(
                options["unit"], municipality=options["municipality"], company=options["company"]
            )
            plan = plan_import(actor=None, unit=unit, content=content, year=options["year"])
        except PlanRefused as refused:
            for problem in refused.problems:
                self.stderr.write(
                    f"{path}: {problem.path or '-'}: {_both(lambda p=problem: p.message)}"
                )
            raise CommandError(
                f"{path}: ingenting er importert | nothing was imported", returncode=BAD_INPUT
            ) from refused
        except OmsorgError as error:
            raise CommandError(_both(error.text), returncode=BAD_INPUT) from error
        measures = plan.areas.values_list("measures", flat=True).exclude(measures=None).count()
        self.stdout.write(
            f"plan {plan.pk}: {unit.code} {plan.year} areas={plan.areas.count()} "
            f"measures={measures} sha256={plan.file_sha256}"
        )
