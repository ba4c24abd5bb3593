"""The respite home's tertial report to its board and owners (issue 9 §6; seed 000): bed-nights
used per owner against its share over the tertial, from the owners' accounting; figures only.

The respite tests' fixtures (a home, owners, stays) are imported, so their names are used as
arguments here: hence F811 off for this file."""
# ruff: noqa: F811

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from omsorg.core.models import Role
from omsorg.respite.accounting import owner_accounting
from omsorg.steering.board_report import board_report
from omsorg.steering.periods import parse_period
from tests.pdf import pdf_text
from tests.respite.conftest import (  # noqa: F401  (fixtures)
    _immediate_tasks,
    child,
    grant,
    home,
    leader,
    place,
)
from tests.respite.test_accounting import iks, month  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _tertial(month):
    return parse_period(f"{month.year}-T{(month.month - 1) // 4 + 1}")


def test_bed_nights_per_owner_against_the_share_over_the_tertial(home, iks, month, today):
    period = _tertial(month)
    report = board_report(home, period, today=today)
    months, _year = owner_accounting(home, month.year, today=today)
    available = sum(m.available for m in months if period.first <= m.first <= period.last)
    assert report.available == available
    askim, eidsberg = report.owners
    assert (askim.municipality, askim.completed, askim.share_percent) == (iks["askim"], 3, 60)
    assert askim.share_nights == (Decimal(available) * Decimal("0.6")).quantize(Decimal("0.1"))
    assert askim.difference == 3 - askim.share_nights and eidsberg.used == 0
    assert [(line.municipality, line.kind) for line in report.others] == [(iks["buyer"], "buyer")]
    assert [row.label for row in report.chart.rows] == [iks["askim"].name, iks["eidsberg"].name]


def test_board_pdf_text(client_as, home, iks, month, leader):
    period = _tertial(month)
    response = client_as(leader).get(
        reverse("steering_board_pdf", args=[home.pk]), {"periode": period.label},
        HTTP_ACCEPT_LANGUAGE="nb",
    )  # fmt: skip
    text = re.sub(r"\s+", " ", pdf_text(response.content).replace("\u00a0", " "))
    assert f"Tertialrapport {period.label} til styret: {home.unit.name}" in text
    assert "Brukte sengenetter og eierens andel" in text and "Indre Østfold" in text
    assert "Rakkestad (kjøper)" in text
    assert "Bare tall: rapporten navngir ingen barn." in text


def test_board_report_for_the_leader_and_management_not_care_workers(client_as, users, home,
                                                                     iks, month):  # fmt: skip
    url = reverse("steering_board", args=[home.pk])
    period = {"periode": _tertial(month).label}
    assert client_as(users[Role.SERVICE_LEADER]).get(url, period).status_code == 200
    assert client_as(users[Role.MANAGEMENT]).get(url, period).status_code == 200
    assert client_as(users[Role.CARE_WORKER]).get(url, period).status_code == 403
    assert client_as(users[Role.CASEWORKER]).get(url, period).status_code == 403


def test_accounting_page_links_the_board_report_only_for_those_who_may_open_it(
    client_as, users, home, iks, month
):
    """No link that ends in a refusal: the care worker sees the accounting, not the link."""
    board = reverse("steering_board", args=[home.pk])
    accounting = reverse("respite_accounting", args=[home.pk])
    seen = {}
    for role in (Role.SERVICE_LEADER, Role.MANAGEMENT, Role.CARE_WORKER):
        client = client_as(users[role])
        page = client.get(accounting, {"aar": month.year})
        if page.status_code == 200:
            seen[role] = (board in page.content.decode(), client.get(board).status_code == 200)
    assert seen[Role.SERVICE_LEADER] == (True, True)
    assert seen[Role.CARE_WORKER] == (False, False)
    assert all(linked == opens for linked, opens in seen.values())
