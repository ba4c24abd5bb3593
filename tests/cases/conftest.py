"""Letter fixtures: a municipality with contact details, a child and her two guardians."""

import pytest

from omsorg.people.services import relative_add


@pytest.fixture
def municipality_contact(municipality):
    # Organisation data kept in the admin; the catalogue load leaves it empty.
    municipality.postal_address = "Postboks 24, 7380 Ålen"
    municipality.email = "postmottak@holtalen.example"
    municipality.phone = "72 41 50 00"
    municipality.save()
    return municipality


@pytest.fixture
def child(make_person, municipality_contact):
    return make_person(
        age_years=12,
        given_name="Sofie",
        family_name="Haugen",
        street_address="Gauldalsvegen 1",
        postal_code="7380",
        city="Ålen",
    )


@pytest.fixture
def guardians(caseworker, child):
    return [
        relative_add(actor=caseworker, person=child, name=name, relation="parent", is_guardian=True)
        for name in ("Kari Haugen", "Per Haugen")
    ]
