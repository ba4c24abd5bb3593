"""Fixtures for home-based services (seed 002): the hjemmetjenester catalogue's municipality, a
zone with a base, its leader and care workers, recipients with home-care decisions made through
the case services, and the immediate task backend."""

import datetime

import pytest

from omsorg.cases.deadlines import add_months
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.core.models import Role, Unit
from omsorg.homecare.services.zones import (
    AddressInput,
    BaseInput,
    address_set,
    staff_member_set,
    zone_base_set,
)
from tests import factories

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Around Lundhaugen (the seed's zone names; coordinates are made up for the tests).
BASE = (62.8300, 7.1600)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def hc_version(db):
    return factories.catalogue_version("hjemmetjenester")


@pytest.fixture
def hc_municipality(hc_version):
    return factories.municipality_of(hc_version)


@pytest.fixture
def hc_service(hc_version):
    def get(code: str):
        return hc_version.service_types.get(code=code)

    return get


@pytest.fixture
def zone(hc_municipality):
    return factories.unit(hc_municipality, "Lundhaugen omsorgssenter", Unit.Kind.ZONE)


@pytest.fixture
def other_zone(hc_municipality):
    return factories.unit(hc_municipality, "Eidem", Unit.Kind.ZONE)


@pytest.fixture
def zone_leader(hc_municipality, zone):
    return factories.user(hc_municipality, Role.SERVICE_LEADER, unit=zone, username="soneleder")


@pytest.fixture
def hc_caseworker(hc_municipality):
    return factories.user(hc_municipality, Role.CASEWORKER)


@pytest.fixture
def base(zone_leader, zone):
    return zone_base_set(
        actor=zone_leader, zone=zone, data=BaseInput("Lundhaugen 1", BASE[0], BASE[1])
    )


@pytest.fixture
def worker(hc_municipality, zone, zone_leader):
    """A care worker of the zone on its staff list with a competence level."""

    def make(level="nurse", start=7 * 60, end=15 * 60 + 30, username=None):
        user = factories.user(hc_municipality, Role.CARE_WORKER, unit=zone, username=username)
        staff_member_set(actor=zone_leader, zone=zone, user=user, level=level,
                         shift_start=start, shift_end=end)  # fmt: skip
        return user

    return make


@pytest.fixture
def recipient(hc_municipality, hc_caseworker, hc_service, zone, zone_leader, today):
    """A person with a home-care decision delivered by the zone, and an address `km_east` km
    east of the base (about 0.01967 degrees of longitude per km at 62.8° N)."""

    def make(service="home_nursing", quantity=7, km_east=2.0, located=True, **fields):
        person = factories.person(hc_municipality, today=today, age_years=84, **fields)
        decision = decision_make(
            actor=hc_caseworker,
            person=person,
            data=DecisionInput(
                service_type=hc_service(service),
                outcome="granted",
                reasons="Behov for hjelp hjemme.",
                quantity=quantity,
                scope_period="week",
                valid_from=today - datetime.timedelta(days=30),
                valid_to=add_months(today, 12),
                review_date=add_months(today, 11),
                justification="Vurdert skjønnsmessig.",
                unit=zone,
            ),
            today=today,
        )
        address_set(
            actor=zone_leader,
            zone=zone,
            person=person,
            data=AddressInput(
                street="Testvegen 1",
                postal_code="6440",
                latitude=BASE[0] if located else None,
                longitude=BASE[1] + 0.01967 * km_east if located else None,
                key_box="Nøkkelboks ved døra",
                pets="Katt",
            ),
            today=today,
        )
        return person, decision

    return make
