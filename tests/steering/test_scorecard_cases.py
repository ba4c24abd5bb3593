"""The scorecard's case figures from the cases app's data (issue 9 §4): median days from
application to decision, preliminary replies for cases older than a month (fvl §11a, seed 004
§2), decisions reviewed by their review date (seed 004 §2: within a year), and appeals
(received, decision changed, forwarded, upheld by the county governor). Counts only."""

import datetime
from decimal import Decimal as D

import pytest

from omsorg.cases.models import Appeal, Application, Decision, PreliminaryReply, Review
from omsorg.catalogue.selectors import current_service_types
from omsorg.steering.scorecard_selectors import scorecard_for
from tests import factories

YEAR = datetime.date.today().year - 1  # a whole year behind us
START = datetime.date(YEAR, 1, 1)


def day(n: int) -> datetime.date:
    return START + datetime.timedelta(days=n)


@pytest.fixture
def cases(municipality, units):
    service = current_service_types(municipality.pk).first()
    person = factories.person(municipality)

    def case(received: int, decided: int, review: int | None, unit="SONE-A"):
        application = Application.objects.create(
            municipality=municipality, person=person, channel="paper", received_on=day(received),
            status=Application.Status.DECIDED,
        )  # fmt: skip
        decision = Decision.objects.create(
            person=person, application=application, service_type=service, unit=units[unit],
            status=Decision.Status.REPLACED, outcome=Decision.Outcome.GRANTED,
            decided_on=day(decided), review_date=day(review) if review is not None else None,
            reasons="-",
        )  # fmt: skip
        return application, decision

    _a1, first = case(9, 29, 151)  # 20 days; reviewed before its review date
    a2, second = case(31, 74, 244)  # 43 days, a month old undecided, replied
    _a3, third = case(91, 140, 500)  # 49 days, a month old undecided, no reply
    case(10, 300, None, unit="TT")  # another unit's case
    PreliminaryReply.objects.create(
        application=a2, sent_on=day(50), expected_by=day(80), reason="Venter på legeopplysninger"
    )
    Review.objects.create(decision=first, performed_on=day(140), outcome="continue", notes="-")
    Appeal.objects.create(
        decision=second, received_on=day(90), grounds="-", status=Appeal.Status.CLOSED,
        forwarded_on=day(110), outcome=Appeal.Outcome.REJECTED, outcome_on=day(210),
    )  # fmt: skip
    Appeal.objects.create(
        decision=third, received_on=day(160), grounds="-", status=Appeal.Status.REVERSED,
        outcome=Appeal.Outcome.UPHELD, outcome_on=day(180),
    )  # fmt: skip


def test_case_figures_of_a_unit(municipality, units, cases):
    card = scorecard_for(municipality, "HBT", str(YEAR), children=False, trend=False)
    assert card.row("median_days_to_decision").result == D(43)  # of 20, 43, 49
    assert card.row("preliminary_reply_pct").result == D(50)  # 1 of the 2 a month old
    # Review dates in the year: day 151 (reviewed on day 140) and day 244 (not reviewed).
    assert card.row("reviewed_on_time_pct").result == D(50)
    assert (card.appeals.received, card.appeals.reversed) == (2, 1)
    assert (card.appeals.forwarded, card.appeals.upheld) == (1, 1)
    assert card.row("appeals_reversed").result == 1


def test_another_units_cases_are_not_counted(municipality, units, cases):
    card = scorecard_for(municipality, "TT", str(YEAR), children=False, trend=False)
    assert card.row("median_days_to_decision").result == D(290)
    assert card.row("reviewed_on_time_pct").result is None  # no review date in the year
    assert card.appeals.received == 0


def test_the_whole_municipality_counts_every_case(municipality, units, cases):
    card = scorecard_for(municipality, None, str(YEAR), children=False, trend=False)
    assert card.row("median_days_to_decision").result == D("46")  # of 20, 43, 49, 290
    # The TT case (received day 10, decided day 300) was a month old undecided, no reply.
    assert card.row("preliminary_reply_pct").result == D("33.33")


def test_a_review_date_not_yet_come_is_not_counted(municipality, units, cases):
    today = day(200)  # the review date on day 244 has not come
    card = scorecard_for(municipality, "HBT", str(YEAR), children=False, trend=False, today=today)
    assert card.row("reviewed_on_time_pct").result == D(100)
