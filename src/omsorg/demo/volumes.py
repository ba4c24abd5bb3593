"""How many recipients of what, for a municipality of 30 000 inhabitants (DOMAIN.md).

The full size follows DOMAIN.md's national 2022 figures scaled to 30 000 inhabitants: about
2 100 recipients a year; home nursing ~1 470 and practical help ~550 (many have both); BPA ~25;
support contact ~205; respite outside an institution ~55 and in a respite home ~50; care
allowance ~65. Refusal rates: BPA 14 %, care allowance 11 %, others 1–7 %. The small size is
the same municipality at one seventh (~300 recipients), so it builds in seconds.
"""

from dataclasses import dataclass

from omsorg.demo.organisation import HOUSING

# "tiny" is for tests that build the demo more than once; the command offers small and full.
SIZES = {"tiny": 1 / 40, "small": 1 / 7, "full": 1.0}
COMMAND_SIZES = ("small", "full")

# Need groups, hours (or visits) a week: DOMAIN.md low 1–2, medium 5–8, extensive 30–65.
LOW, MEDIUM, EXTENSIVE = (1, 2), (5, 8), (30, 65)
# Home nursing is measured in visits a week: weekly medicines, daily, several times a day.
VISITS_LOW, VISITS_MEDIUM, VISITS_EXTENSIVE = (1, 3), (7, 14), (21, 35)


@dataclass(frozen=True)
class ServiceVolume:
    code: str
    recipients: int  # granted, full size
    refusal_rate: float
    ages: tuple[tuple[int, int, float], ...]  # (from, to, weight), years
    quantities: tuple[tuple[int, int, float], ...]  # (from, to, weight) in the service's unit
    months: int | None  # a time-limited decision's length; None is open-ended
    unit: str  # how the providing unit is chosen, see omsorg.demo.plan.providing_unit


CHILD = ((10, 17, 0.8), (18, 30, 0.2))  # support contact: "normally over 10", young adults too

# Services granted on their own (one application each), from the children's catalogue.
CHILDREN_SERVICES = (
    ServiceVolume("support_contact", 205, 0.05, CHILD, ((4, 10, 1.0),), 12, "leirali"),
    ServiceVolume("respite_home", 50, 0.04, ((5, 17, 1.0),), ((4, 12, 1.0),), 12, "respite_home"),
    ServiceVolume("private_respite", 20, 0.03, ((1, 5, 1.0),), ((2, 6, 1.0),), 12, "kongsvegen"),
    ServiceVolume("respite_in_home", 8, 0.03, ((1, 3, 1.0),), ((4, 12, 1.0),), 12, "kongsvegen"),
    ServiceVolume("farm_respite", 15, 0.03, ((6, 16, 1.0),), ((1, 2, 1.0),), 12, "kongsvegen"),
    ServiceVolume(
        "respite_outside", 12, 0.03, ((5, 17, 1.0),), ((3, 14, 1.0),), None, "kongsvegen"
    ),
    ServiceVolume(
        "care_allowance", 50, 0.11, ((2, 17, 0.7), (18, 90, 0.3)), ((10, 60, 1.0),), 12, "none"
    ),
    # Respite through BPA is for the parents of a child under 18 (seed 004 §1.3, pbrl § 2-1 d).
    ServiceVolume("bpa", 25, 0.14, ((5, 17, 1.0),), ((25, 60, 1.0),), 12, "none"),
)
# Of the ~65 care-allowance recipients, this many are respite-home children (one application).
CARE_ALLOWANCE_WITH_RESPITE_HOME = 15

ELDERLY = ((67, 99, 0.8), (18, 66, 0.2))
HOME_NURSING = ServiceVolume(
    "home_nursing",
    1470,
    0.02,
    ELDERLY,
    (VISITS_LOW + (0.6,), VISITS_MEDIUM + (0.32,), VISITS_EXTENSIVE + (0.08,)),
    None,
    "zone",
)
PRACTICAL_HELP = ServiceVolume(
    "practical_help",
    550,
    0.07,
    ELDERLY,
    (LOW + (0.6,), MEDIUM + (0.35,), EXTENSIVE + (0.05,)),
    None,
    "zone",
)
# Home-care persons: 1 150 home nursing only, 230 practical help only, 320 both (= 1 470, 550).
HOME_CARE_BOTH = 320

# Added to some home-care persons in the same application; not in DOMAIN.md's list, so kept
# small: (service, share of home-care persons, quantities, months).
HOME_CARE_EXTRAS = (
    ("meal_delivery", 0.08, ((3, 7, 1.0),), None),
    ("rehabilitation_at_home", 0.03, ((2, 5, 1.0),), 3),
    ("day_services", 0.05, ((1, 3, 1.0),), None),
)
EXTRA_REFUSAL_RATE = 0.03

# Seed 001: the housing stock has 30 homes besides Flata; adults with disabilities live there
# with extensive practical help and training in daily tasks. Full size fills all but two.
HOUSING_VACANT_FULL = 2

# Open cases at any time (DOMAIN.md gives none; ~4 % of the year's volume is about two weeks of
# intake): received, being assessed, ready for the meeting, withdrawn.
OPEN_APPLICATIONS_FULL = {"received": 30, "assessing": 25, "ready": 20, "withdrawn": 15}
OPEN_APPLICATIONS_MIN = {"received": 4, "assessing": 4, "ready": 3, "withdrawn": 2}

# Staff: home care ~165 FTE (DOMAIN.md) over 7 zones; care workers per housing or respite unit.
CARE_WORKERS_PER_ZONE_FULL = 24
CARE_WORKERS_PER_TT_UNIT_FULL = 6
CASEWORKERS_FULL = 8


def months_of(code: str) -> int | None:
    """How long a grant of this service lasts (None: until changed or ended)."""
    for volume in (*CHILDREN_SERVICES, HOME_NURSING, PRACTICAL_HELP):
        if volume.code == code:
            return volume.months
    for extra, _share, _quantities, months in HOME_CARE_EXTRAS:
        if extra == code:
            return months
    return None


def scaled(full: int, size: str, minimum: int = 1) -> int:
    """A full-size count at `size`, never below `minimum` (so every case kind exists)."""
    return max(minimum, round(full * SIZES[size]))


def refusals_for(granted: int, rate: float) -> int:
    """Refusals so that refused / (granted + refused) is nearest `rate`.

    Rounded, not at least one: a small service with one refusal would be far above its rate.
    """
    return round(granted * rate / (1 - rate))


def housing_residents(places: dict[str, int], size: str) -> dict[str, int]:
    """Residents per housing unit: all places but two at full size, one each when smaller."""
    if size != "full":
        return {name: 1 for name in HOUSING}
    residents = {name: places[name] for name in HOUSING}
    largest = max(residents, key=lambda name: (residents[name], name))
    residents[largest] -= HOUSING_VACANT_FULL
    return residents
