"""Demo staff: the named personas (who can log in) and the rest of the workforce.

Users have no service of their own (an administrator creates them), so they are created here
directly. Only personas get a password; the other staff exist to be assigned to persons and to
make the service leaders' and care workers' views realistic, and cannot log in.
"""

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from faker import Faker

from omsorg.core.models import Municipality, Role, Unit, User
from omsorg.demo import volumes
from omsorg.demo.organisation import ZONES
from omsorg.demo.personas import DEMO_EMAIL_DOMAIN, PERSONA_USERS
from omsorg.people.services import log_control_group

PRIVACY_OFFICER = "personvernombud"

_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", " ": "", "-": ""})
# One unusable password for all generated staff: they cannot log in, and it keeps the build
# fast and deterministic (make_password(None) would hash a fresh random string per user).
_UNUSABLE = make_password(None)


@dataclass
class Staff:
    personas: dict[str, User]  # by username
    care_workers: dict[str, list[User]]  # by unit name, personas included


def persona_passwords_hash() -> dict[str, Future]:
    """Start hashing the personas' passwords in threads, while the demo is being built.

    PBKDF2 takes most of a second per password; hashlib releases the GIL, so on a second core
    the hashing costs the build nothing instead of several seconds.
    """
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="demo-hash")
    futures = {p.username: pool.submit(make_password, p.password) for p in PERSONA_USERS}
    pool.shutdown(wait=False)
    return futures


def persona_passwords_set(personas: dict[str, User], hashes: dict[str, Future]) -> None:
    for username, user in personas.items():
        User.objects.filter(pk=user.pk).update(password=hashes[username].result())


# What the administrator may do in /admin/: the organisation (municipality, units) and the users,
# and read the catalogue and the respite homes. No person or case model is registered there at all
# (core/admin.py), so the admin never bypasses people.access; not a superuser for the same reason.
ADMINISTRATOR_PERMISSIONS = {
    "core": ["view_municipality", "change_municipality", "view_unit", "add_unit",
             "change_unit", "view_user", "add_user", "change_user"],
    "catalogue": ["view_catalogueversion", "view_servicetype"],
    "respite": ["view_respitehome"],
}  # fmt: skip


def _admin_rights(user: User) -> None:
    """The demo's administrator can open /admin/, as the README says."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    for app, codenames in ADMINISTRATOR_PERMISSIONS.items():
        user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label=app, codename__in=codenames)
        )


def _persona_users(municipality: Municipality, units: dict[str, Unit]) -> dict[str, User]:
    """The personas, with their passwords set at the end (persona_passwords_set)."""
    users = {}
    for index, persona in enumerate(PERSONA_USERS):
        users[persona.username] = User.objects.create(
            username=persona.username,
            password=_UNUSABLE,
            email=f"{persona.username}@{DEMO_EMAIL_DOMAIN}",
            # A direct line for the letters the caseworker signs (fictitious numbers).
            phone=f"72 41 50 {10 + index:02d}",
            first_name=persona.first_name,
            last_name=persona.last_name,
            role=persona.role,
            municipality=municipality,
            unit=units[persona.unit] if persona.unit else None,
        )
        if persona.role == Role.ADMINISTRATOR:
            _admin_rights(users[persona.username])
        if persona.username == PRIVACY_OFFICER:
            users[persona.username].groups.add(log_control_group())
    return users


def _workforce(size: str, units: dict[str, Unit]) -> list[tuple[str, Unit | None]]:
    """(role, unit) for each generated staff member, in a fixed order."""
    care_units = [*ZONES, *(u.name for u in units.values() if u.places)]
    rows: list[tuple[str, Unit | None]] = []
    for name in care_units:
        full = (
            volumes.CARE_WORKERS_PER_ZONE_FULL
            if name in ZONES
            else volumes.CARE_WORKERS_PER_TT_UNIT_FULL
        )
        rows += [(Role.CARE_WORKER, units[name])] * volumes.scaled(full, size, 2)
    leaders = [
        *care_units,
        "Tilrettelagte tjenester",
        "Avd. Kongsvegen",
        "Avd. Leirali",
        "Avd. Fagernes",
    ]
    rows += [(Role.SERVICE_LEADER, units[name]) for name in leaders]
    caseworkers = volumes.scaled(volumes.CASEWORKERS_FULL, size, 2) - 1  # the persona is one
    rows += [(Role.CASEWORKER, units["Tildelingskontoret"])] * caseworkers
    rows += [(Role.MANAGEMENT, None)] * 2
    return rows


def _username(given: str, family: str, taken: set[str]) -> str:
    base = f"{given}.{family}".lower().translate(_ASCII)
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}{n}"
    taken.add(name)
    return name


def staff_create(municipality: Municipality, units: dict[str, Unit], size: str, seed: int):
    """Create the personas and the generated staff; return them for assignments."""
    personas = _persona_users(municipality, units)
    fake = Faker("no_NO")
    fake.seed_instance(f"{seed}:staff")
    taken = set(personas)
    generated = []
    for role, unit in _workforce(size, units):
        given, family = fake.first_name(), fake.last_name()
        username = _username(given, family, taken)
        generated.append(
            User(
                username=username,
                password=_UNUSABLE,
                email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                first_name=given,
                last_name=family,
                role=role,
                municipality=municipality,
                unit=unit,
            )
        )
    User.objects.bulk_create(generated)
    care_workers: dict[str, list[User]] = {}
    workers = User.objects.filter(
        municipality=municipality,
        role=Role.CARE_WORKER,
        unit__isnull=False,
        email__endswith=f"@{DEMO_EMAIL_DOMAIN}",
    )
    for user in workers.select_related("unit").order_by("username"):
        care_workers.setdefault(user.unit.name, []).append(user)
    return Staff(personas, care_workers)
