"""A municipality with a coded unit tree for the steering tests (issue 9 §1):

HBT (department) ─┬─ SONE-A (zone) ── SONE-A1 (zone)
                  └─ SONE-B (zone)
TT  (department)
"""

import datetime
import random

import pytest

from omsorg.core.models import Role, Unit
from omsorg.people.identity import make_synthetic_number
from omsorg.steering.services import import_file
from tests import factories

TREE = (
    ("HBT", "Hjemmebaserte tjenester", Unit.Kind.DEPARTMENT, None),
    ("SONE-A", "Sone A", Unit.Kind.ZONE, "HBT"),
    ("SONE-A1", "Sone A1", Unit.Kind.ZONE, "SONE-A"),
    ("SONE-B", "Sone B", Unit.Kind.ZONE, "HBT"),
    ("TT", "Tilrettelagte tjenester", Unit.Kind.DEPARTMENT, None),
)


@pytest.fixture
def units(municipality) -> dict[str, Unit]:
    made: dict[str, Unit] = {}
    for code, name, kind, parent in TREE:
        made[code] = Unit.objects.create(
            municipality=municipality, code=code, name=name, kind=kind,
            parent=made[parent] if parent else None,
        )  # fmt: skip
    return made


@pytest.fixture
def national_ids() -> list[str]:
    """Synthetic identity numbers (never a real person's)."""
    rng = random.Random(9)
    return [make_synthetic_number(datetime.date(1940 + i, 3, 1 + i), rng=rng) for i in range(6)]


@pytest.fixture
def registered(municipality, national_ids) -> list[str]:
    """The identity numbers, registered through a persons import."""
    rows = [f"{number},Test{i},Persen" for i, number in enumerate(national_ids)]
    import_file(
        actor=None,
        municipality=municipality,
        kind="persons",
        content=csv_bytes("national_id,given_name,family_name", *rows),
    )
    return national_ids


@pytest.fixture
def leader(municipality, units):
    return factories.user(municipality, Role.SERVICE_LEADER, unit=units["HBT"])


def csv_bytes(header: str, *rows: str) -> bytes:
    return "\n".join([header, *rows]).encode()
