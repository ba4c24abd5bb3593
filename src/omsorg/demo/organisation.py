"""The demo municipality's organisation, as seeds 001 and 002 describe it.

Units have no service of their own yet (they are set up once, by an administrator), so the
demo writes them directly; everything about persons and cases goes through the services.
"""

from dataclasses import dataclass

from omsorg.core.models import Municipality, Unit

K = Unit.Kind

ALLOCATION_OFFICE = "Tildelingskontoret"
CHILDREN_OFFICE = "Koordinerende enhet for barn og unge"
FLATA = "Flata avlastning"
KONGSVEGEN_RESPITE = "Kongsvegen barneavlastning"
SUPPORT_CONTACT_UNIT = "Avd. Leirali"
OUTSIDE_RESPITE_UNIT = "Avd. Kongsvegen"


@dataclass(frozen=True)
class UnitSpec:
    name: str
    kind: str
    parent: str | None = None
    places: int | None = None
    decides_for: str = ""
    code: str = ""  # the short code imports and steering figures use (issue 9 §1)


# Seed 001 §2: three departments of Tilrettelagte tjenester and their housing stock (32 in all:
# Vesle-Tveit 9, Lia 3, Flata 2, Granli 4, Kongsvegen 10, Solbakken 4). Kongsvegen also runs a
# children's respite ("barneavlastning"); the seed gives no bed count, so 5 beds are assumed,
# making 7 respite beds with Flata, as DOMAIN.md's 6–8 for ~50 children. It is not counted in
# the 32 housing places.
DISABILITY_SERVICES = (
    UnitSpec("Tilrettelagte tjenester", K.DEPARTMENT, code="TT"),
    UnitSpec("Avd. Kongsvegen", K.DEPARTMENT, "Tilrettelagte tjenester", code="TT-KON"),
    UnitSpec("Avd. Leirali", K.DEPARTMENT, "Tilrettelagte tjenester", code="TT-LEI"),
    UnitSpec("Avd. Fagernes", K.DEPARTMENT, "Tilrettelagte tjenester", code="TT-FAG"),
    UnitSpec("Kongsvegen bofellesskap", K.HOUSING, "Avd. Kongsvegen", 10, code="KON-BOF"),
    UnitSpec(KONGSVEGEN_RESPITE, K.RESPITE_HOME, "Avd. Kongsvegen", 5, code="KON-AVL"),
    UnitSpec("Leirali aktivitetshus", K.DAY_SERVICE, "Avd. Leirali", code="LEI-AKT"),
    UnitSpec("Granli", K.HOUSING, "Avd. Leirali", 4, code="GRANLI"),
    UnitSpec(FLATA, K.RESPITE_HOME, "Avd. Leirali", 2, code="FLATA"),
    UnitSpec("Solbakken", K.HOUSING, "Avd. Leirali", 4, code="SOLBAKKEN"),
    UnitSpec("Vesle-Tveit", K.HOUSING, "Avd. Fagernes", 9, code="VESLETVEIT"),
    UnitSpec("Lia", K.HOUSING, "Avd. Fagernes", 3, code="LIA"),
)

# Seed 002: home-based services in seven zones, and three day services.
HOME_CARE = "Hjemmebaserte tjenester"
ZONE_CODES = {
    "Lundhaugen omsorgssenter": "SONE-LUNDHAUGEN",
    "Hjemmetjenesten og Auretunet": "SONE-AURETUNET",
    "Eidem": "SONE-EIDEM",
    "Hestehovvegen 38/Dalelia": "SONE-DALELIA",
    "Hestehovvegen 14/Holalia": "SONE-HOLALIA",
    "Haukås": "SONE-HAUKAS",
    "Knausvegen": "SONE-KNAUSVEGEN",
}
ZONES = tuple(ZONE_CODES)
HOME_BASED_SERVICES = (
    UnitSpec(HOME_CARE, K.DEPARTMENT, code="HBT"),
    *(UnitSpec(zone, K.ZONE, HOME_CARE, code=code) for zone, code in ZONE_CODES.items()),
    UnitSpec("Hagekroken", K.DAY_SERVICE, HOME_CARE, code="HAGEKROKEN"),
    UnitSpec("Auretunet dagtilbud", K.DAY_SERVICE, HOME_CARE, code="AURETUNET-DAG"),
    UnitSpec("Aktivitetshuset", K.DAY_SERVICE, HOME_CARE, code="AKTIVITETSHUSET"),
)

# Seed 001 §2: the allocation office sits under the head of health and care and is also the
# coordinating unit for habilitation and rehabilitation; it decides the adults' services.
# Seed 004 §2: the coordinating unit for children and young people decides the children's
# services (in its monthly meeting). Which office decides a service is catalogue data.
ORGANISATION = (
    UnitSpec(ALLOCATION_OFFICE, K.OFFICE, decides_for=Unit.Decides.ADULTS, code="TILDELING"),
    UnitSpec(CHILDREN_OFFICE, K.OFFICE, decides_for=Unit.Decides.CHILDREN, code="KE-BARN"),
    *DISABILITY_SERVICES,
    *HOME_BASED_SERVICES,
)

HOUSING = tuple(spec.name for spec in ORGANISATION if spec.kind == K.HOUSING)
RESPITE_HOMES = (FLATA, KONGSVEGEN_RESPITE)


# Where the letters tell the reader to write and call (fictitious numbers and addresses).
CONTACT = {
    "postal_address": "Postboks 24, 7380 Ålen",
    "phone": "72 41 50 00",
    "email": "postmottak@demo.example.org",
}


def organisation_build(municipality: Municipality) -> dict[str, Unit]:
    """Set the municipality's contact details; create the units in order (parents first);
    return them by name."""
    for field, value in CONTACT.items():
        setattr(municipality, field, value)
    municipality.save(update_fields=list(CONTACT))
    units: dict[str, Unit] = {}
    for spec in ORGANISATION:
        units[spec.name] = Unit.objects.create(
            municipality=municipality,
            name=spec.name,
            kind=spec.kind,
            parent=units[spec.parent] if spec.parent else None,
            places=spec.places,
            decides_for=spec.decides_for,
            code=spec.code,
        )
    return units


def organisation_units(municipality: Municipality) -> dict[str, Unit]:
    """The demo's units of an existing build, by name."""
    names = [spec.name for spec in ORGANISATION]
    return {u.name: u for u in Unit.objects.filter(municipality=municipality, name__in=names)}
