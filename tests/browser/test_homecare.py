"""Home-based services in a real browser (issue 10): the zone leader makes and plans a day and
sees the routes on the timeline and the map, a move breaking a rule is refused by name, by the
form and by dragging a visit's bar on the timeline; a nurse works through her list on a 390 px
phone. axe-core on every page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omsorg.homecare.models import Task, Visit
from omsorg.homecare.services.patterns import PatternInput, pattern_create
from omsorg.homecare.services.plans import day_plan_create, day_plan_request
from tests import factories
from tests.homecare.conftest import (  # noqa: F401  (fixtures)
    base,
    hc_caseworker,
    hc_municipality,
    hc_service,
    hc_version,
    recipient,
    worker,
    zone,  # noqa: F811
    zone_leader,  # noqa: F811
)

from .conftest import assert_accessible, assert_no_console_errors, login
from .test_phone import PHONE, _assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]


@pytest.fixture
def lundhaugen(settings, base, worker, recipient, zone_leader, zone, today):  # noqa: F811
    """A nurse and an assistant on the staff list; three persons with a morning visit."""
    settings.TASKS = IMMEDIATE
    nurse = worker("nurse", username="sykepleier")
    assistant = worker("assistant", username="assistent")
    for km, name in ((1, "Kari"), (2, "Ragnhild"), (3, "Olav")):
        _person, decision = recipient(km_east=km, given_name=name)
        pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                       data=PatternInput("Morgen", EVERY_DAY, 450, 600, 20, "nurse",
                                         [Task.MEDICATION]))  # fmt: skip
    return {"nurse": nurse, "assistant": assistant}


def test_the_zone_leader_plans_a_day_and_a_bad_move_is_refused(
    page,
    live_server,
    lundhaugen,
    zone,  # noqa: F811
    zone_leader,  # noqa: F811
    today,  # noqa: F811
):
    login(page, live_server, zone_leader.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("homecare_zone", args=[zone.pk]))
    expect(page.locator("main")).to_contain_text("Kari")
    assert_accessible(page)
    page.get_by_label("Dag", exact=True).fill(today.isoformat())
    page.get_by_role("button", name="Lag en dagsplan").click()
    expect(page.locator("h1")).to_contain_text("Dagsplan for")
    assert_accessible(page)
    page.get_by_role("button", name="Planlegg dagen").click()
    expect(page.locator("#plan-progress")).to_contain_text("Planlagt")
    expect(page.get_by_role("img", name="Kart over basen")).to_be_visible()
    expect(page.get_by_role("img", name="Hver ansatts besøk")).to_be_visible()
    assert_accessible(page)
    first = Visit.objects.filter(staff=lundhaugen["nurse"]).order_by("start").first()
    page.locator(f"#move-{first.pk}").select_option(str(lundhaugen["assistant"].pk))
    page.locator(f"#move-{first.pk}").locator("xpath=ancestor::form").get_by_role(
        "button", name="Flytt"
    ).click()
    expect(page.locator("body")).to_contain_text("mangler kompetansen")
    first.refresh_from_db()
    assert first.staff_id == lundhaugen["nurse"].pk


def test_a_nurse_works_through_her_list_on_a_phone(
    page,
    live_server,
    lundhaugen,
    zone,  # noqa: F811
    zone_leader,  # noqa: F811
    today,  # noqa: F811
):
    plan = day_plan_create(actor=zone_leader, zone=zone, date=today, today=today)
    day_plan_request(actor=zone_leader, plan=plan, time_limit=2)  # immediate: runs here
    page.set_viewport_size(PHONE)
    login(page, live_server, "sykepleier", factories.PASSWORD)
    page.goto(live_server.url + reverse("homecare_worklist"))
    expect(page.locator("h1")).to_contain_text("Mine besøk i dag")
    expect(page.locator("main")).to_contain_text("Nøkkelboks ved døra")
    _assert_fits(page)
    assert_accessible(page)
    page.locator("main ol a").first.click()
    expect(page.locator("main")).to_contain_text("legemidler")
    _assert_fits(page)
    assert_accessible(page)
    button = page.get_by_role("button", name="Start besøket")
    assert button.bounding_box()["height"] >= 44  # a thumb-sized target
    button.click()
    expect(page.locator("main")).to_contain_text(re.compile("påbegynt", re.IGNORECASE))
    page.get_by_label("Kort rapport").fill("Tok medisinene.")
    page.get_by_role("button", name="Utført", exact=True).click()
    expect(page.locator("main .ds-tag").first).to_contain_text("gjennomført")
    assert Visit.objects.filter(status=Visit.Status.DONE, report="Tok medisinene.").count() == 1
    assert_accessible(page)


def _drag(page, bar, row) -> None:
    """Press on the bar, move it down or up onto the row's band in steps, let go."""
    page.locator("svg[data-timeline]").scroll_into_view_if_needed()
    start, target = bar.bounding_box(), row.locator(".hc-band").bounding_box()
    x = start["x"] + start["width"] / 2
    page.mouse.move(x, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(x, target["y"] + target["height"] / 2, steps=8)
    with page.expect_navigation():  # the drop submits the visit's move form
        page.mouse.up()


def test_the_zone_leader_drags_a_visit_to_another_staff_member(
    page,
    live_server,
    lundhaugen,
    worker,  # noqa: F811
    zone,  # noqa: F811
    zone_leader,  # noqa: F811
    today,  # noqa: F811
    console_errors,
):
    """Issue 10 §3, "moves a visit between staff by drag": the drop goes through the move form,
    so the server's checker decides; a refused drop names the rule and leaves the visit."""
    other = worker("nurse", username="sykepleier2")
    plan = day_plan_create(actor=zone_leader, zone=zone, date=today, today=today)
    day_plan_request(actor=zone_leader, plan=plan, time_limit=2)  # immediate: runs here
    visit = Visit.objects.exclude(staff=None).order_by("start").first()
    target = other if visit.staff_id != other.pk else lundhaugen["nurse"]
    login(page, live_server, zone_leader.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("homecare_day", args=[zone.pk, today.isoformat()]))
    expect(page.locator("#timeline-drag-hint")).to_be_visible()
    bar = page.locator(f'[data-visit="{visit.pk}"]')
    row = page.locator(f'g[data-staff="{lundhaugen["assistant"].pk}"]')
    _drag(page, bar, row)
    expect(page.locator("body")).to_contain_text("mangler kompetansen")
    visit.refresh_from_db()
    assert visit.staff_id != lundhaugen["assistant"].pk
    _drag(page, page.locator(f'[data-visit="{visit.pk}"]'),
          page.locator(f'g[data-staff="{target.pk}"]'))  # fmt: skip
    expect(page.locator("body")).to_contain_text("Besøket er flyttet")
    visit.refresh_from_db()
    assert visit.staff_id == target.pk
    expect(page.locator(f'g[data-staff="{target.pk}"] [data-visit="{visit.pk}"]')).to_have_count(1)
    assert_accessible(page)
    assert_no_console_errors(console_errors)
