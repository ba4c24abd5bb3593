"""The tertial report's pages and PDFs (issue 9 §6), the respite home's report to its board,
and the service analysis with the high-cost refund (issue 9 §7). Figures only."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from omsorg.core.clock import today
from omsorg.core.errors import BadRequest
from omsorg.core.web import page
from omsorg.steering import analysis_data, board_report, report


def _period(request):
    return report.tertial_period(request.GET.get("periode"), today=today())


def _scope(request):
    return report.report_scope(
        request.user, request.GET.get("enhet") or report.default_code(request.user)
    )


def _pdf(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@page
def tertial_page(request):
    period, scope = _period(request), _scope(request)
    built = report.tertial_report(scope, period)
    context = {
        "report": built,
        "units": report.report_units(request.user),
        "sector": request.user.role in report.SECTOR_ROLES,
        "tertials": report.tertial_choices(today()),
    }
    return render(request, "steering/tertial.html", context)


@page
def tertial_pdf(request):
    period, scope = _period(request), _scope(request)
    body = report.tertial_pdf(report.tertial_report(scope, period))
    return _pdf(body, f"tertialrapport-{scope.code}-{period.label}.pdf")


@page
def board_page(request, home_id: int):
    home = board_report.board_home(request.user, home_id)
    built = board_report.board_report(home, _period(request), today=today())
    context = {"report": built, "tertials": report.tertial_choices(today())}
    return render(request, "steering/board.html", context)


@page
def board_pdf(request, home_id: int):
    home = board_report.board_home(request.user, home_id)
    period = _period(request)
    body = board_report.board_pdf(board_report.board_report(home, period, today=today()))
    return _pdf(body, f"styrerapport-{home.pk}-{period.label}.pdf")


def _year(request) -> int:
    value = request.GET.get("aar", "")
    if not value:
        return today().year - 1
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        raise BadRequest(_("Choose a year between 2000 and 2100."))
    return int(value)


@page
def service_analysis_page(request):
    municipality = analysis_data.require_analyst(request.user)
    year = _year(request)
    peers = [number for number in request.GET.getlist("kommune") if number]
    built = analysis_data.service_analysis(municipality, year, peers or None)
    context = {
        "analysis": built,
        "chosen": set(peers),
        "years": list(range(today().year, today().year - 6, -1)),
    }
    return render(request, "steering/service_analysis.html", context)
