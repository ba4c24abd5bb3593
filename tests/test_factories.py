"""The test factories themselves: data they build must never break a unique rule by chance."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_two_persons_drawn_from_the_same_seed_get_different_identity_numbers():
    # The same seed and day give the same first draw; the factory must draw again, or a test
    # making many persons fails on the days their random birth dates happen to meet.
    municipality = factories.municipality_of(factories.catalogue_version())
    first = factories.person(municipality, seed=7)
    second = factories.person(municipality, seed=7)
    assert first.birth_date == second.birth_date
    assert first.identity_number != second.identity_number
