"""A unit tree and a small business plan for the business-plan tests (issue 9 §5; seed 001
"Tidsplan virksomhetsrapportering": team → department → unit).

TT (the unit, the plan's) ─┬─ TT-KON (department) ── KON-BOF (team)
                           └─ TT-LEI (department)
"""

import datetime

import pytest

from omsorg.core.models import Role, Unit
from omsorg.steering.plan_services import plan_import
from tests import factories

TREE = (
    ("TT", "Tilrettelagte tjenester", None),
    ("TT-KON", "Avd. Kongsvegen", "TT"),
    ("KON-BOF", "Kongsvegen bofellesskap", "TT-KON"),
    ("TT-LEI", "Avd. Leirali", "TT"),
)

PLAN_YAML = """
title: Virksomhetsplan
year: {year}
goal_areas:
  - number: "5"
    title: Økonomi og rapportering
    goals:
      - series: TT. mål
        number: "5.2"
        measures:
          - text: Utvikle turnus og bemanningsplan som styringsverktøy.
            responsible: Virksomhetsleder
  - title: Likestilling
    measures:
      - text: Oppmuntre det underrepresenterte kjønn til å søke stillinger
        responsible: Daglig leder
        with_whom: Ansatte
        due: Hele året
        due_date: {year}-12-31
        required_result: Likestilling
"""


@pytest.fixture
def tree(municipality) -> dict[str, Unit]:
    made: dict[str, Unit] = {}
    for code, name, parent in TREE:
        made[code] = Unit.objects.create(
            municipality=municipality, code=code, name=name, kind=Unit.Kind.DEPARTMENT,
            parent=made[parent] if parent else None,
        )  # fmt: skip
    return made


@pytest.fixture
def heads(municipality, tree) -> dict[str, object]:
    """The service leader of every unit, by code; and management."""
    made = {code: factories.user(municipality, Role.SERVICE_LEADER, unit=unit)
            for code, unit in tree.items()}  # fmt: skip
    made["management"] = factories.user(municipality, Role.MANAGEMENT)
    return made


@pytest.fixture
def year() -> int:
    return datetime.date.today().year


@pytest.fixture
def plan(tree, year):
    """The plan on TT, monthly reports owed from January of this year."""
    return plan_import(actor=None, unit=tree["TT"], content=PLAN_YAML.format(year=year).encode())
