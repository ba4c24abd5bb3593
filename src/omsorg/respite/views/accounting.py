"""Owners' accounting and the invoice basis for nights sold (CSV and PDF)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from omsorg.core.clock import today
from omsorg.core.errors import BadRequest, NotFound, PermissionDenied
from omsorg.core.models import Municipality, Role
from omsorg.core.web import page
from omsorg.respite import accounting
from omsorg.respite.views.common import check_year, home_for, is_leader

FIGURE_ROLES = {Role.MANAGEMENT, Role.ADMINISTRATOR}


def _year(request) -> int:
    value = request.GET.get("aar", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else today().year


@page
def respite_accounting(request, home_id: int):
    """Figures only (no names): the leader and management see it."""
    home = home_for(request, home_id, figures=True)
    year = _year(request)
    months, total = accounting.owner_accounting(home, year, today=today())
    context = {
        "home": home,
        "year": year,
        "months": months,
        "total": total,
        "leader": is_leader(request, home),
        # The board's report is the leader's and the owners' management's, not the staff's.
        "board": is_leader(request, home) or request.user.role in FIGURE_ROLES,
        "previous_year": year - 1,
        "next_year": year + 1,
    }
    return render(request, "respite/accounting.html", context)


def _invoice(request, home_id: int, municipality_id: int, year: int, month: int):
    home = home_for(request, home_id)
    if not is_leader(request, home):
        raise PermissionDenied()
    check_year(year)
    if not 1 <= month <= 12:
        raise BadRequest(_("There is no month %(month)s."), month=month)
    buyer = get_object_or_404(Municipality, pk=municipality_id)
    if not accounting.may_invoice(home, buyer):
        raise NotFound()  # an owner or the home's own municipality buys nothing
    return accounting.invoice_basis(
        actor=request.user, home=home, buyer=buyer, year=year, month=month, today=today()
    )


def _filename(invoice, suffix: str) -> str:
    return f"fakturagrunnlag-{invoice.buyer.number}-{invoice.first:%Y-%m}.{suffix}"


@page
def invoice_csv(request, home_id: int, municipality_id: int, year: int, month: int):
    invoice = _invoice(request, home_id, municipality_id, year, month)
    response = HttpResponse(accounting.invoice_csv(invoice), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(invoice, "csv")}"'
    return response


@page
def invoice_pdf(request, home_id: int, municipality_id: int, year: int, month: int):
    invoice = _invoice(request, home_id, municipality_id, year, month)
    body = accounting.invoice_pdf(invoice, issued_on=today())
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(invoice, "pdf")}"'
    return response
