"""The scorecard page (issue 9 §4): seed 002's 2016 scorecard as the demo ships it, targets by
date and up the unit tree, roll-up, explanations with optimistic concurrency, and access."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from omsorg.core.errors import PermissionDenied, StaleVersion
from omsorg.core.models import Role
from omsorg.demo.organisation import organisation_build
from omsorg.demo.scorecard import scorecard_demo_build
from omsorg.steering import scorecard as rules
from omsorg.steering.models import ScorecardNote
from omsorg.steering.scorecard_selectors import scorecard_for
from omsorg.steering.scorecard_services import kpi_target_set, scorecard_note_save
from omsorg.steering.services import import_file
from tests import factories

from .conftest import csv_bytes


@pytest.fixture
def seed002(municipality):
    units = organisation_build(municipality)
    admin = factories.user(municipality, Role.ADMINISTRATOR)
    management = factories.user(municipality, Role.MANAGEMENT)
    scorecard_demo_build(municipality=municipality, admin=admin, leader=management)
    return units, management


def _text(response) -> str:
    return " ".join(response.content.decode().replace("\u00a0", " ").split())


def test_seed_002_scorecard_2016(municipality, seed002):
    """Seed 002 "Kvalitet", "Nærvær/trivsel", "Kostnadskontroll": targets and results."""
    card = scorecard_for(municipality, "HBT", "2016")
    expected = {
        "user_survey_score": (D("4.5"), None, rules.NOT_MEASURED),
        "avg_position_pct": (D(67), D(66), rules.NEAR),
        "relevant_education_pct": (D(75), D("73.8"), rules.NEAR),
        "sick_leave_pct": (D("8.5"), D("10.31"), rules.MISSED),
        "staff_survey_score": (D("4.5"), None, rules.NOT_MEASURED),
    }
    for kpi, (target, result, status) in expected.items():
        row = card.row(kpi)
        assert (row.target, row.result, row.status) == (target, result, status), kpi
    assert (card.budget.budget_nok, card.budget.accounts_nok) == (115_874_000, 113_236_000)
    assert card.budget.deviation_nok == 2_638_000
    assert len(card.children) == 10  # seven zones and three day services


def test_seed_002_scorecard_page_shows_the_seeds_numbers(client_as, municipality, seed002):
    _units, management = seed002
    url = reverse("steering_scorecard") + "?enhet=HBT&periode=2016"
    page = _text(client_as(management).get(url, HTTP_ACCEPT_LANGUAGE="nb"))
    assert "Målekort: Hjemmebaserte tjenester, 2016" in page
    for kpi, target, result in [
        ("Gjennomsnittlig stillingsstørrelse", "67", "66"),
        ("relevant utdanning", "75", "73,8"),
        ("Sykefravær", "8,5", "10,31"),
    ]:
        assert kpi in page
        assert f'<td class="app-num">{target}</td> <td class="app-num">{result}</td>' in page
    assert page.count('data-status="not_measured">Ikke målt</td>') >= 2
    assert "Brukerundersøkelse er planlagt våren 2017" in page
    assert "Medarbeiderundersøkelse er planlagt høsten 2017" in page
    assert "Det ble ikke gjennomført medarbeiderundersøkelse og brukerundersøkelse i 2016" in page
    assert "115 874 000 kr" in page and "113 236 000 kr" in page
    assert "2 638 000 kr under budsjett" in page
    assert "Lavere pensjonskostnader enn budsjettert" in page
    assert "Høyere inntekter enn budsjettert" in page
    assert "Sterkt fokus på økonomistyring internt i enheten" in page
    assert "Fortsatt sterkt fokus på økonomistyring" in page
    english = _text(client_as(management).get(url, HTTP_ACCEPT_LANGUAGE="en"))
    assert "2 638 000 kr under budget" in english and "Not measured" in english


@pytest.fixture
def tree(municipality, units):
    admin = factories.user(municipality, Role.ADMINISTRATOR)
    staff = csv_bytes(
        "month;unit;employee_id;position_pct;profession;relevant_education;contracted_hours;"
        "sick_leave_hours",
        "2024-01;SONE-A;e1;100;vernepleier;true;100;10",
        "2024-05;SONE-A;e1;100;vernepleier;true;100;2",
        "2024-09;SONE-A1;e2;50;assistent;false;50;0",
        "2024-09;SONE-B;e3;80;sykepleier;true;100;20",
    )
    import_file(actor=admin, municipality=municipality, kind="staff", content=staff)
    return admin


def test_a_unit_covers_the_units_below_it_and_lists_them(municipality, units, tree):
    card = scorecard_for(municipality, "HBT", "2024")
    # (10 + 2 + 0 + 20) / (100 + 100 + 50 + 100) = 9.14 %
    assert card.row("sick_leave_pct").result == D("9.14")
    assert card.row("vernepleier_pct").result == D(50)
    lines = {line.code: line for line in card.children}
    assert set(lines) == {"SONE-A", "SONE-B"}
    sone_a = {row.kpi: row for row in lines["SONE-A"].rows}
    assert sone_a["sick_leave_pct"].result == D("4.80")  # 12 / 250, with SONE-A1
    whole = scorecard_for(municipality, None, "2024")
    assert whole.row("sick_leave_pct").result == D("9.14")
    assert {line.code for line in whole.children} == {"HBT", "TT"}


def test_trend_shows_the_periods_before(municipality, units, tree):
    card = scorecard_for(municipality, "HBT", "2024-T3")
    trend = card.row("sick_leave_pct").trend
    assert [(p.period, p.result) for p in trend] == [
        ("2023-T3", None), ("2024-T1", D(10)), ("2024-T2", D(2)),
    ]  # fmt: skip
    # 2024-T3: 20 / 150 = 13.33 %, worse than 2 % in T2 (lower is better).
    assert card.row("sick_leave_pct").change == "worse"


def test_targets_by_date_and_up_the_tree(municipality, units, tree):
    first = datetime.date(2024, 1, 1)
    kpi_target_set(actor=tree, municipality=municipality, unit=None, kpi="sick_leave_pct",
                   valid_from=first, target=D(7))  # fmt: skip
    kpi_target_set(actor=tree, municipality=municipality, unit=units["HBT"], kpi="sick_leave_pct",
                   valid_from=first, target=D(9))  # fmt: skip
    kpi_target_set(actor=tree, municipality=municipality, unit=units["HBT"], kpi="sick_leave_pct",
                   valid_from=datetime.date(2024, 9, 1), target=D(5))  # fmt: skip

    def target(code, period):
        card = scorecard_for(municipality, code, period, children=False, trend=False)
        return card.row("sick_leave_pct").target

    assert target("HBT", "2024-T1") == D(9)  # in force on 30 April
    assert target("HBT", "2024-T3") == D(5)  # the newer one from 1 September
    assert target("SONE-A1", "2024-T1") == D(9)  # the nearest unit above with a target
    assert target("TT", "2024-T1") == D(7)  # the municipality's own
    assert target(None, "2024") == D(7)
    assert target("HBT", "2023") is None  # none yet in force


def test_explanation_saved_and_a_stale_version_refused(municipality, units, leader):
    note = scorecard_note_save(
        actor=leader, municipality=municipality, unit=units["SONE-A"], period="2024-T1",
        kpi="sick_leave_pct", explanation="Langtidssykmeldinger", measures="",
        expected_version=0,
    )  # fmt: skip
    assert note.version == 1
    scorecard_note_save(
        actor=leader, municipality=municipality, unit=units["SONE-A"], period="2024-T1",
        kpi="sick_leave_pct", explanation="Langtidssykmeldinger, tre personer",
        measures="Tett oppfølging", expected_version=1,
    )  # fmt: skip
    with pytest.raises(StaleVersion):  # someone opened version 1 and saves after
        scorecard_note_save(
            actor=leader, municipality=municipality, unit=units["SONE-A"], period="2024-T1",
            kpi="sick_leave_pct", explanation="Overskriver", measures="", expected_version=1,
        )  # fmt: skip
    with pytest.raises(StaleVersion):  # a second "first" note
        scorecard_note_save(
            actor=leader, municipality=municipality, unit=units["SONE-A"], period="2024-T1",
            kpi="sick_leave_pct", explanation="Ny", measures="", expected_version=0,
        )  # fmt: skip
    saved = ScorecardNote.objects.get()
    assert (saved.explanation, saved.version) == ("Langtidssykmeldinger, tre personer", 2)


def test_a_leader_explains_only_her_own_units(municipality, units, leader):
    with pytest.raises(PermissionDenied):
        scorecard_note_save(
            actor=leader, municipality=municipality, unit=units["TT"], period="2024",
            kpi="sick_leave_pct", explanation="x", measures="", expected_version=0,
        )  # fmt: skip


def test_the_explanation_page_saves_and_refuses_a_stale_form(
    client_as, municipality, units, leader
):
    client = client_as(leader)
    url = reverse("steering_scorecard_note") + "?enhet=SONE-A&periode=2024&kpi=sick_leave_pct"
    assert client.get(url).status_code == 200
    response = client.post(url, {"explanation": "Influensa", "measures": "", "version": 0})
    assert response.status_code == 302
    stale = client.post(url, {"explanation": "Gammel", "measures": "", "version": 0},
                        HTTP_ACCEPT_LANGUAGE="nb")  # fmt: skip
    assert stale.status_code == 409
    assert "Noen andre har endret" in stale.content.decode()
    assert ScorecardNote.objects.get().explanation == "Influensa"


@pytest.mark.parametrize("role", [Role.MANAGEMENT, Role.ADMINISTRATOR, Role.SERVICE_LEADER])
def test_readers_see_figures_and_no_person(client_as, municipality, units, registered, role):
    import_file(
        actor=None, municipality=municipality, kind="registrations",
        content=csv_bytes("date,national_id,unit,service,hours",
                          f"2024-02-01,{registered[0]},SONE-A,{_service(municipality)},3"),
    )  # fmt: skip
    user = factories.user(municipality, role, unit=units["HBT"])
    page = client_as(user).get(reverse("steering_scorecard") + "?periode=2024").content.decode()
    assert "Sykefravær" in page or "Sick leave" in page
    assert registered[0] not in page and "Test0" not in page


def _service(municipality):
    from omsorg.catalogue.selectors import current_service_types

    return current_service_types(municipality.pk).first().code


@pytest.mark.parametrize("role", [Role.CARE_WORKER, Role.GUARDIAN, Role.CASEWORKER])
def test_others_are_refused(client_as, municipality, units, role):
    user = factories.user(municipality, role, unit=units["SONE-A"])
    assert client_as(user).get(reverse("steering_scorecard")).status_code == 403


def test_management_of_another_municipality_is_refused(client_as, municipality, units):
    other = factories.other_municipality("3001", "Halden")
    user = factories.user(other, Role.MANAGEMENT)
    url = reverse("steering_scorecard") + "?enhet=HBT&periode=2024"
    response = client_as(user).get(url)
    assert response.status_code == 400  # not a unit it may choose: no figures
    assert 'data-kpi="sick_leave_pct"' not in response.content.decode()


def test_bad_period_is_refused_with_a_message(client_as, municipality, units, leader):
    response = client_as(leader).get(reverse("steering_scorecard") + "?periode=2024-T4",
                                     HTTP_ACCEPT_LANGUAGE="nb")  # fmt: skip
    assert response.status_code == 400
    assert "Perioden skrives" in response.content.decode()


def test_targets_and_surveys_page(client_as, municipality, units, leader):
    client = client_as(leader)
    url = reverse("steering_scorecard_settings")
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "form": "survey", "survey-unit": "SONE-A", "survey-kind": "user",
        "survey-period": "2024-T1", "survey-score": "4.8", "survey-respondents": "12",
    })  # fmt: skip
    assert response.status_code == 302
    bad = client.post(url, {
        "form": "target", "target-unit": "SONE-A", "target-kpi": "sick_leave_pct",
        "target-valid_from": "2024-01-01", "target-target": "140",
    })  # fmt: skip
    assert bad.status_code == 422
    refused = client.post(url, {
        "form": "target", "target-unit": "TT", "target-kpi": "sick_leave_pct",
        "target-valid_from": "2024-01-01", "target-target": "7",
    })  # fmt: skip
    assert refused.status_code == 422  # not her unit
    card = scorecard_for(municipality, "HBT", "2024", children=False, trend=False)
    assert card.row("user_survey_score").result == D("4.8")
    assert card.row("user_survey_score").status == rules.NO_TARGET


def test_management_sees_no_figure_about_fewer_than_five_issue9_8(client_as, municipality, tree):
    # SONE-A (with SONE-A1) has two employees in 2024: their sick leave is theirs alone.
    management = factories.user(municipality, Role.MANAGEMENT)
    url = reverse("steering_scorecard") + "?enhet=SONE-A&periode=2024"
    page = _text(client_as(management).get(url, HTTP_ACCEPT_LANGUAGE="nb"))
    assert 'data-status="suppressed">Skjult: færre enn 5 personer</td>' in page
    assert "4,8" not in page  # their sick leave: 12 / 250 hours
    card = scorecard_for(municipality, "SONE-A", "2024", suppress_small=True)
    assert card.row("sick_leave_pct").result is None
    assert card.row("sick_leave_pct").status == rules.SUPPRESSED
    # The leader who serves the unit sees it.
    assert scorecard_for(municipality, "SONE-A", "2024").row("sick_leave_pct").result == D("4.80")


def test_extra_shifts_worked_on_the_scorecard(municipality, extra_shifts, client_as, leader):
    """Issue 11 §4: the extra shifts worked in the period, only those whose day has come."""
    card = scorecard_for(municipality, "HBT", "2024-01", today=datetime.date(2024, 1, 31))
    assert (card.extra_shifts.shifts, card.extra_shifts.hours) == (2 + 1, D("25.50"))
    # On 4 January the shift of the 5th is taken but not yet worked: 480 + 570 = 17.5 h.
    early = scorecard_for(municipality, "HBT", "2024-01", today=datetime.date(2024, 1, 4))
    assert (early.extra_shifts.shifts, early.extra_shifts.hours) == (2, D("17.50"))
    url = reverse("steering_scorecard") + "?enhet=HBT&periode=2024-01"
    page = _text(client_as(leader).get(url, HTTP_ACCEPT_LANGUAGE="nb"))
    assert "3 ekstravakter tatt gjennom tilbud, 25,5 timer" in page


def test_extra_shifts_of_fewer_than_five_persons_are_hidden_from_management(
    municipality, extra_shifts
):
    """Issue 9 §8: two persons worked the extra shifts: management does not see the figure."""
    card = scorecard_for(municipality, "HBT", "2024-01", suppress_small=True)
    assert card.extra_shifts.suppressed
