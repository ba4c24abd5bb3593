"""The service analysis (seed 003 §2.5, KS tenesteanalyse; issue 9 §7): recipients per 1 000
inhabitants by age group, hours and cost per recipient, cost per hour, from the municipality's
own registrations through the cost model, beside imported KOSTRA figures of peers; and the
high-cost refund of the year (DOMAIN.md "Legal facts": 80 % above NOK 1 608 000 in 2024)."""

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.models import Role
from omsorg.people.identity import make_synthetic_number
from omsorg.steering.analysis import RecipientYear, analyse
from omsorg.steering.analysis_data import service_analysis
from omsorg.steering.analysis_services import import_source_set
from omsorg.steering.models import ImportEvent
from omsorg.steering.report import REPORT_COST
from omsorg.steering.services import import_file
from tests import factories
from tests.steering.conftest import csv_bytes

YEAR = 2024  # a year of the refund table (refund.py): the threshold is data of the year
HOURLY = Decimal(875_000) / Decimal(1695)  # the cost model: 1 staff hour × 875 000 kr ÷ 1 695 h
POPULATION = {
    "innbyggere 0-17": Decimal(2000),
    "innbyggere 18-66": Decimal(5000),
    "innbyggere 67-79": Decimal(1000),
    "innbyggere 80+": Decimal(500),
}
# (age reached in YEAR, hours in YEAR)
RECIPIENTS = [(10, 100), (30, 50), (30, 4000), (70, 10), (85, 4000)]


def _two(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_own_figures_against_a_hand_computed_fixture():
    analysis = analyse(
        YEAR, [RecipientYear(age, Decimal(h)) for age, h in RECIPIENTS], POPULATION, REPORT_COST
    )
    # 0-17: 1 of 2 000 → 0.50; 18-66: 2 of 5 000 → 0.40; 67-79: 1 of 1 000; 80+: 1 of 500.
    assert [g.per_thousand for g in analysis.groups] == [
        Decimal("0.50"), Decimal("0.40"), Decimal("1.00"), Decimal("2.00")
    ]  # fmt: skip
    assert analysis.hours == 8160 and analysis.recipients == 5
    assert analysis.hours_per_recipient == Decimal("1632.00")  # 8 160 h / 5
    assert analysis.cost_per_hour == Decimal("516.22")  # 875 000 / 1 695
    assert analysis.cost_per_recipient == _two(8160 * HOURLY / 5) == Decimal("842477.88")


def test_an_age_group_without_a_population_figure_has_no_coverage():
    analysis = analyse(YEAR, [RecipientYear(10, Decimal(1))], {}, REPORT_COST)
    assert analysis.groups[0].per_thousand is None and analysis.groups[0].recipients == 1


@pytest.fixture
def loaded(municipality, units):
    rng = random.Random(7)
    ids = [make_synthetic_number(datetime.date(YEAR - age, 6, 1 + i), rng=rng)
           for i, (age, _hours) in enumerate(RECIPIENTS)]  # fmt: skip
    import_file(actor=None, municipality=municipality, kind="persons", content=csv_bytes(
        "national_id,given_name,family_name", *(f"{nid},Test,Persen" for nid in ids)))  # fmt: skip
    rows = [f"{YEAR}-03-01,{nid},SONE-A,support_contact,{hours}"
            for nid, (_age, hours) in zip(ids, RECIPIENTS, strict=True)]  # fmt: skip
    import_file(actor=None, municipality=municipality, kind="registrations",
                content=csv_bytes("date,national_id,unit,service,hours", *rows))  # fmt: skip
    kostra = [f"{YEAR},{municipality.number},{name},{value}" for name, value in POPULATION.items()]
    kostra += [f"{YEAR},3024,timer per mottaker,812.5", f"{YEAR},3024,kostnad per time,601"]
    import_file(actor=None, municipality=municipality, kind="kostra",
                content=csv_bytes("year,municipality_number,indicator,value", *kostra))  # fmt: skip


def test_refund_of_the_year_from_own_data_under_67_only(loaded, municipality):
    refund = service_analysis(municipality, YEAR).refund
    # 4 000 h × 516.22… = 2 064 896.76 kr for the 30-year-old: (… − 1 608 000) × 0.8; the
    # 85-year-old's 4 000 h are as costly but excluded by age.
    expected = _two((4000 * HOURLY - 1_608_000) * Decimal("0.8"))
    assert (refund.above_threshold, refund.excluded_by_age) == (1, 1)
    assert refund.refund_nok == expected == Decimal("365517.40")


def test_page_side_by_side_with_peers_hiding_small_groups(client_as, loaded, municipality):
    client = client_as(factories.user(municipality, Role.MANAGEMENT))
    page = client.get(
        reverse("steering_service_analysis"), {"aar": YEAR}, HTTP_ACCEPT_LANGUAGE="nb"
    ).content.decode()
    assert "Tjenesteanalyse 2024" in page
    row = page[page.index('<th scope="row">timer per mottaker</th>') :].split("</tr>")[0]
    assert ">1\u00a0632<" in row and ">812,50<" in row  # own 1 632 h; peer 3024: 812.5
    assert page.count("skjult: færre enn 5 personer") >= 4  # each age group has 1–2 persons
    assert "Mottakere over innslagspunktet" in page  # the refund: 1 recipient, hidden
    assert "365" not in page


def test_only_management_and_administrators(client_as, municipality, units):
    url = reverse("steering_service_analysis")
    for role, status in ((Role.MANAGEMENT, 200), (Role.ADMINISTRATOR, 200),
                         (Role.SERVICE_LEADER, 403), (Role.CASEWORKER, 403)):  # fmt: skip
        assert client_as(factories.user(municipality, role)).get(url).status_code == status
    manager = client_as(factories.user(municipality, Role.MANAGEMENT))
    assert manager.get(url, {"aar": "99"}).status_code == 400


def test_a_year_without_refund_figures_says_so(client_as, municipality, units):
    client = client_as(factories.user(municipality, Role.MANAGEMENT))
    page = client.get(reverse("steering_service_analysis"), {"aar": 2019},
                      HTTP_ACCEPT_LANGUAGE="nb").content.decode()  # fmt: skip
    assert "Innslagspunkt og kompensasjonsgrad for 2019 er ikke i systemet" in page


def _kostra_event(municipality) -> ImportEvent:
    return ImportEvent.objects.get(municipality=municipality, kind="kostra")


def test_kostra_columns_name_their_source_and_synthetic_ones_say_so(client_as, loaded,
                                                                    municipality):  # fmt: skip
    """Issue 9 §7, gap 3: invented peer figures (the demo's) never pass for SSB's."""
    client = client_as(factories.user(municipality, Role.MANAGEMENT))
    url = reverse("steering_service_analysis")
    page = client.get(url, {"aar": YEAR}, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "ikke oppgitt ved importen" in page and "syntetiske demotall" not in page
    import_source_set(actor=None, event=_kostra_event(municipality),
                      source="Invented for the test", synthetic=True)  # fmt: skip
    analysis = service_analysis(municipality, YEAR)
    assert analysis.synthetic and analysis.population_synthetic
    assert [c.provenance.synthetic for c in analysis.columns[1:]] == [True, True]
    page = client.get(url, {"aar": YEAR}, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Syntetiske demotall." in page and "Invented for the test" in page
    assert page.count("syntetiske demotall</strong>") == 2  # own KOSTRA column and 3024
    nynorsk = client.get(url, {"aar": YEAR}, HTTP_ACCEPT_LANGUAGE="nn").content.decode()
    assert "Syntetiske demotal." in nynorsk


def test_a_published_source_is_shown_and_not_marked_synthetic(loaded, municipality):
    import_source_set(actor=None, event=_kostra_event(municipality),
                      source="SSB tabell 12209, 15.03.2025")  # fmt: skip
    analysis = service_analysis(municipality, YEAR)
    assert not analysis.synthetic
    assert analysis.columns[-1].provenance.sources == ("SSB tabell 12209, 15.03.2025",)


def test_a_source_is_required_and_set_only_by_importers(loaded, municipality):
    event = _kostra_event(municipality)
    with pytest.raises(InvalidInput):
        import_source_set(actor=None, event=event, source="  ")
    with pytest.raises(PermissionDenied):
        import_source_set(actor=factories.user(municipality, Role.CASEWORKER), event=event,
                          source="SSB")  # fmt: skip
    event.refresh_from_db()
    assert (event.source, event.synthetic) == ("", False)
