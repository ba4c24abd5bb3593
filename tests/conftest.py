"""Shared fixtures: the Holtålen catalogue, a municipality, one user per role, persons."""

import datetime

import pytest
from hypothesis import settings as hypothesis_settings

from omsorg.core.clock import today as clock_today
from omsorg.core.models import Role, Unit
from tests import factories

# Tests never bound wall time (the project's standard): hypothesis's per-example deadline is a
# timer, and it failed a deadline test on a loaded machine. Examples are bounded by count only.
hypothesis_settings.register_profile("omsorg", deadline=None)
hypothesis_settings.load_profile("omsorg")


@pytest.fixture
def today() -> datetime.date:
    return clock_today()


@pytest.fixture
def catalogue_version(db):
    return factories.catalogue_version("holtalen")


@pytest.fixture
def municipality(catalogue_version):
    return factories.municipality_of(catalogue_version)


@pytest.fixture
def department(municipality):
    return factories.unit(municipality, "Flata avlastning", Unit.Kind.RESPITE_HOME)


@pytest.fixture
def users(municipality, department):
    return factories.roles(municipality, department)


@pytest.fixture
def caseworker(users):
    return users[Role.CASEWORKER]


@pytest.fixture
def service_type(catalogue_version):
    def get(code: str):
        return catalogue_version.service_types.get(code=code)

    return get


@pytest.fixture
def make_person(municipality, today):
    def make(**kwargs):
        return factories.person(municipality, today=today, **kwargs)

    return make


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs seconds per test user; tests need no brute-force cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client_as(client):
    """The test client logged in as ``user`` (no password round trip)."""

    def login(user):
        client.force_login(user)
        return client

    return login
