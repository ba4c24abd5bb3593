"""Visit patterns from home-care decisions (issue 10 §2): the decision's service gives the first
pattern, the zone leader edits it, and a change in the decision flags it for review."""

import datetime

import pytest

from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.core.errors import InvalidInput, PermissionDenied, StaleVersion
from omsorg.homecare.models import Task
from omsorg.homecare.selectors import review_reasons, zone_persons
from omsorg.homecare.services.patterns import (
    PatternInput,
    pattern_create,
    pattern_defaults,
    pattern_end,
    pattern_review_confirm,
    pattern_update,
)

pytestmark = pytest.mark.django_db


def morning(**changes) -> PatternInput:
    values = dict(label="Morgen", weekdays=[0, 1, 2, 3, 4, 5, 6], window_start=450,
                  window_end=570, duration=20, level="nurse", tasks=[Task.MEDICATION])  # fmt: skip
    values.update(changes)
    return PatternInput(**values)


def test_home_nursing_starts_as_the_issues_morning_visit(recipient):
    _, decision = recipient("home_nursing")
    first = pattern_defaults(decision)
    assert (first.window_start, first.window_end, first.duration, first.level) == (
        450,
        570,
        20,
        "nurse",
    )
    assert first.tasks == [Task.MEDICATION]


def test_practical_help_every_other_tuesday_for_an_hour(recipient):
    _, decision = recipient("practical_help", quantity=1)
    first = pattern_defaults(decision)
    assert (first.weekdays, first.every_weeks, first.duration, first.level) == (
        [1],
        2,
        60,
        "assistant",
    )


def test_a_pattern_with_a_double_visit_and_a_linked_meal(recipient, zone_leader, zone, today):
    person, decision = recipient()
    insulin = pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                             data=morning(label="Insulin", tasks=[Task.INSULIN]))  # fmt: skip
    meal = pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                          data=morning(label="Frokost", level="assistant", tasks=[Task.MEAL],
                                       follows=insulin, min_gap=20, max_gap=40,
                                       window_start=450, window_end=640))  # fmt: skip
    lift = pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                          data=morning(label="Stell", staff_count=2))  # fmt: skip
    assert (meal.follows, meal.min_gap, meal.max_gap) == (insulin, 20, 40)
    assert lift.staff_count == 2
    line = zone_persons(actor=zone_leader, zone=zone, today=today)[0]
    assert line.without_pattern == [] and len(line.patterns) == 3


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"weekdays": []}, "weekdays"),
        ({"window_start": 600, "window_end": 500}, "window_end"),
        ({"duration": 0}, "duration"),
        ({"level": "doctor"}, "level"),
        ({"tasks": ["juggling"]}, "tasks"),
        ({"staff_count": 3}, "staff_count"),
        ({"every_weeks": 2, "week_parity": 2}, "every_weeks"),
        ({"window_end": 1500}, "window_end"),
    ],
)
def test_a_bad_pattern_is_refused_naming_the_field(recipient, zone_leader, zone, today, changes,
                                                   field):  # fmt: skip
    _, decision = recipient()
    with pytest.raises(InvalidInput) as refused:
        pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                       data=morning(**changes))  # fmt: skip
    assert refused.value.field == field


def test_a_visit_follows_only_a_visit_to_the_same_person(recipient, zone_leader, zone, today):
    _, first_decision = recipient()
    _, other_decision = recipient()
    first = pattern_create(actor=zone_leader, zone=zone, decision=first_decision, today=today,
                           data=morning())  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        pattern_create(actor=zone_leader, zone=zone, decision=other_decision, today=today,
                       data=morning(follows=first))  # fmt: skip
    assert refused.value.field == "follows"


def test_the_leader_edits_with_the_version_she_saw(recipient, zone_leader, zone, today):
    _, decision = recipient()
    pattern = pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                             data=morning())  # fmt: skip
    seen = pattern.version
    pattern_update(actor=zone_leader, pattern=pattern, data=morning(duration=30),
                   expected_version=seen)  # fmt: skip
    with pytest.raises(StaleVersion):
        pattern_update(actor=zone_leader, pattern=pattern, data=morning(duration=40),
                       expected_version=seen)  # fmt: skip


def test_a_care_worker_cannot_edit_patterns(recipient, zone, worker, today):
    _, decision = recipient()
    with pytest.raises(PermissionDenied):
        pattern_create(actor=worker(), zone=zone, decision=decision, today=today, data=morning())


def test_a_new_decision_flags_the_pattern_and_the_leader_confirms_it(
    recipient, zone_leader, zone, hc_caseworker, hc_service, today
):
    person, decision = recipient(quantity=7)
    pattern = pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                             data=morning())  # fmt: skip
    assert review_reasons(pattern, today) == []
    new = decision_make(
        actor=hc_caseworker, person=person, replaces=decision, today=today,
        data=DecisionInput(service_type=hc_service("home_nursing"), outcome="granted",
                           reasons="Økt behov.", quantity=14, scope_period="week",
                           valid_from=today, valid_to=today + datetime.timedelta(days=300),
                           review_date=today + datetime.timedelta(days=200),
                           justification="Skjønn.", unit=zone),
    )  # fmt: skip
    pattern.refresh_from_db()
    assert review_reasons(pattern, today)  # replaced: to review
    line = zone_persons(actor=zone_leader, zone=zone, today=today)[0]
    assert line.review and line.review[0][0] == pattern
    confirmed = pattern_review_confirm(actor=zone_leader, pattern=pattern, today=today,
                                       expected_version=pattern.version)  # fmt: skip
    assert confirmed.decision == new
    assert review_reasons(confirmed, today) == []
    pattern_end(actor=zone_leader, pattern=confirmed, expected_version=confirmed.version)
    assert not confirmed.active
