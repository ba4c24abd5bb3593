"""The steering assumptions page (issue 9 §2 and §3): hours per unit of scope (a respite night,
a day stay) and the cost model's staffing factor, annual hours per FTE and cost per FTE, dated
values a unit head or management sees and edits (not only the admin): validated, and a row
changed by someone else since it was opened is refused, never overwritten (optimistic
locking, as the scorecard's explanations); the tertial report's cost step uses the unit's own
assumptions, else the nearest unit above it, else the municipality's."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from omsorg.core.errors import InvalidInput, PermissionDenied, StaleVersion
from omsorg.core.models import Role
from omsorg.steering.assumption_selectors import cost_assumptions_in_force
from omsorg.steering.assumption_services import cost_assumption_save, hours_per_unit_save
from omsorg.steering.models import CostAssumption, HoursPerUnit
from tests import factories

pytestmark = pytest.mark.django_db
JAN = datetime.date(2025, 1, 1)


def _hours(actor, municipality, row=None, version=0, hours="10", valid_from=JAN):
    return hours_per_unit_save(
        actor=actor, municipality=municipality, row=row, expected_version=version,
        service_code="respite_home", scope_unit="nights", hours_per_unit=Decimal(hours),
        valid_from=valid_from,
    )  # fmt: skip


def _cost(actor, municipality, unit=None, row=None, version=0, factor="0.5", valid_from=JAN,
          cost="875000"):  # fmt: skip
    return cost_assumption_save(
        actor=actor, municipality=municipality, row=row, expected_version=version, unit=unit,
        valid_from=valid_from, staffing_factor=Decimal(factor),
        annual_hours_per_fte=Decimal(1695), cost_per_fte=Decimal(cost),
    )  # fmt: skip


def test_a_leader_sets_hours_per_night_and_a_stale_correction_is_refused(municipality, leader):
    row = _hours(leader, municipality)
    assert (row.hours_per_unit, row.version) == (10, 1)
    corrected = _hours(leader, municipality, row=row, version=1, hours="16")
    assert (corrected.hours_per_unit, corrected.version) == (16, 2)
    with pytest.raises(StaleVersion):  # opened at version 1, saved by someone else since
        _hours(leader, municipality, row=row, version=1, hours="12")
    assert HoursPerUnit.objects.get().hours_per_unit == 16


def test_hours_per_unit_are_validated(municipality, leader):
    with pytest.raises(InvalidInput) as error:
        _hours(leader, municipality, hours="80")
    assert error.value.field == "hours_per_unit"
    _hours(leader, municipality)
    with pytest.raises(InvalidInput) as error:  # the same service, unit of scope and date
        _hours(leader, municipality, hours="12")
    assert error.value.field == "valid_from"
    with pytest.raises(InvalidInput):
        hours_per_unit_save(
            actor=leader, municipality=municipality, row=None, expected_version=0,
            service_code="no_such_service", scope_unit="nights", hours_per_unit=Decimal(10),
            valid_from=JAN,
        )  # fmt: skip


def test_only_leaders_management_and_administrators_of_the_municipality_edit(municipality):
    caseworker = factories.user(municipality, Role.CASEWORKER)
    with pytest.raises(PermissionDenied):
        _hours(caseworker, municipality)
    with pytest.raises(PermissionDenied):
        _cost(caseworker, municipality)


def test_cost_assumptions_are_validated_and_versioned(municipality, leader):
    with pytest.raises(InvalidInput) as error:
        _cost(leader, municipality, factor="11")
    assert error.value.field == "staffing_factor"
    row = _cost(leader, municipality)
    _cost(leader, municipality, row=row, version=1, cost="900000")
    with pytest.raises(StaleVersion):
        _cost(leader, municipality, row=row, version=1, cost="1")
    assert CostAssumption.objects.get().cost_per_fte == 900000


def test_the_unit_s_own_assumptions_else_the_nearest_above_else_the_municipality_s(
    municipality, units, leader
):
    _cost(leader, municipality, factor="1")
    _cost(leader, municipality, unit=units["SONE-A"], factor="0.5")
    _cost(leader, municipality, unit=units["SONE-A"], factor="0.8",
          valid_from=datetime.date(2026, 1, 1))  # fmt: skip
    day = datetime.date(2025, 6, 30)
    assert cost_assumptions_in_force(municipality, units["SONE-A1"], day).staffing_factor == (
        Decimal("0.5")
    )
    assert cost_assumptions_in_force(municipality, units["SONE-B"], day).staffing_factor == 1
    later = datetime.date(2026, 6, 30)
    assert cost_assumptions_in_force(municipality, units["SONE-A"], later).staffing_factor == (
        Decimal("0.8")
    )
    assert cost_assumptions_in_force(municipality, None, datetime.date(2024, 1, 1)) is None


def test_the_page_lists_adds_and_refuses_a_stale_form(client_as, municipality, units, leader):
    client = client_as(leader)
    page = client.get(reverse("steering_assumptions"), HTTP_ACCEPT_LANGUAGE="nb")
    assert page.status_code == 200
    assert "Forutsetninger for styringstallene" in page.content.decode()
    response = client.post(
        reverse("steering_hours_per_unit_new"),
        {"service_code": "respite_home", "scope_unit": "days", "hours_per_unit": "6",
         "valid_from": "01.01.2025", "version": "0"},
    )  # fmt: skip
    assert response.status_code == 302
    row = HoursPerUnit.objects.get()
    assert (row.scope_unit, row.hours_per_unit) == ("days", 6)
    url = reverse("steering_hours_per_unit_edit", args=[row.pk])
    form = {"service_code": "respite_home", "scope_unit": "days", "hours_per_unit": "5",
            "valid_from": "01.01.2025", "version": "1"}  # fmt: skip
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "hours_per_unit": "4"}, HTTP_ACCEPT_LANGUAGE="nb")
    assert stale.status_code == 409
    assert HoursPerUnit.objects.get().hours_per_unit == 5
    caseworker = client_as(factories.user(municipality, Role.CASEWORKER))
    assert caseworker.get(reverse("steering_assumptions")).status_code == 403


def test_the_tertial_report_costs_with_the_assumptions_in_force(client_as, municipality, units,
                                                                leader):  # fmt: skip
    _cost(leader, municipality, unit=units["HBT"], factor="0.5", cost="1000000")
    manager = client_as(factories.user(municipality, Role.MANAGEMENT))
    page = manager.get(reverse("steering_tertial"), {"enhet": "HBT", "periode": "2025-T1"},
                       HTTP_ACCEPT_LANGUAGE="nb").content.decode()  # fmt: skip
    assert "× 0,5" in page and "1 000 000 kr" in page.replace("\u00a0", " ")


def test_the_cost_calculator_links_editors_to_the_assumptions(client_as, municipality, leader):
    url = reverse("steering_assumptions")
    page = client_as(leader).get(reverse("steering_cost_of_change")).content.decode()
    assert f'href="{url}"' in page
    caseworker = client_as(factories.user(municipality, Role.CASEWORKER))
    other = caseworker.get(reverse("steering_cost_of_change")).content.decode()
    assert f'href="{url}"' not in other


def test_the_cost_calculator_starts_from_the_assumptions_in_force_for_the_user_s_unit(
    client_as, municipality, units, leader
):
    """Issue 9 §3: the calculator answers with the municipality's own assumptions once they are
    saved (the unit's own before the municipality's), and seed 003's example stays one click
    away with its 4 FTE and NOK 3.5 million."""
    _cost(leader, municipality, factor="1", cost="1000000")  # the municipality's
    _cost(leader, municipality, unit=units["HBT"], factor="0.5", cost="800000")  # the leader's
    client = client_as(leader)
    page = client.get(reverse("steering_cost_of_change"), HTTP_ACCEPT_LANGUAGE="nb")
    form = page.context["form"]
    assert (form["staffing_factor"].value(), form["cost_per_fte"].value()) == (
        Decimal("0.5"), Decimal(800000)
    )  # fmt: skip
    text = page.content.decode().replace("\u00a0", " ")
    assert "× 800 000,00 kr per årsverk" in text
    example = client.get(reverse("steering_cost_of_change") + "?" + page.context["example"],
                         HTTP_ACCEPT_LANGUAGE="nb").content.decode()  # fmt: skip
    assert "Om lag 4 årsverk, 3,5 millioner kr i året" in example
    # Management has no unit: the municipality's assumptions.
    manager = client_as(factories.user(municipality, Role.MANAGEMENT))
    assert manager.get(reverse("steering_cost_of_change")).context["form"][
        "staffing_factor"
    ].value() == Decimal(1)
