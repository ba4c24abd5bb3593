"""The tertial report shows the business plan's measures and their status (issue 9 §6, §5;
seed 001: the unit head reports each tertial to management)."""
# ruff: noqa: F811  (the plan tests' fixtures, imported by name)

from django.urls import reverse

from omsorg.steering.plan_models import Measure
from omsorg.steering.plan_services import measure_set_status
from tests.pdf import pdf_text
from tests.steering.plan_fixtures import heads, plan, tree, year  # noqa: F401


def test_the_units_measures_with_status_in_page_and_pdf(client_as, plan, heads, year):
    measure = Measure.objects.filter(area__plan=plan).order_by("position", "pk").first()
    measure_set_status(actor=heads["TT"], measure=measure, status=Measure.Status.IN_PROGRESS,
                       expected_version=measure.version)  # fmt: skip
    client = client_as(heads["management"])
    params = {"enhet": "TT", "periode": f"{year}-T1"}
    page = client.get(reverse("steering_tertial"), params, HTTP_ACCEPT_LANGUAGE="nb")
    html = page.content.decode()
    assert f"Tiltak i virksomhetsplanen {year} for Tilrettelagte tjenester" in html
    assert "Utvikle turnus og bemanningsplan som styringsverktøy." in html
    assert 'id="chart-measures-table"' in html
    assert '<th scope="row">pågår</th><td class="app-num">1</td>' in html
    pdf = client.get(reverse("steering_tertial_pdf"), params, HTTP_ACCEPT_LANGUAGE="nb")
    text = " ".join(pdf_text(pdf.content).split())
    assert "Oppmuntre det underrepresenterte kjønn" in text


def test_without_a_plan_the_report_says_so(client_as, tree, heads, year):
    page = client_as(heads["management"]).get(
        reverse("steering_tertial"), {"enhet": "TT", "periode": f"{year}-T1"},
        HTTP_ACCEPT_LANGUAGE="nb",
    )  # fmt: skip
    assert f"Ingen virksomhetsplan for {year} dekker denne delen av organisasjonen." in (
        page.content.decode()
    )
