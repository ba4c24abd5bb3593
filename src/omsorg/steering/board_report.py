"""The respite home's tertial report to its board and owners (issue 9 §6; seed 000: the IKS
reports to its board and owners): bed-nights used per owner municipality against its share of
the bed-nights, from the owners' accounting (respite/accounting.py), summed over the tertial's
months. Figures only, no child is named.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from omsorg.cases.letters.render import html_to_pdf
from omsorg.core.errors import PermissionDenied
from omsorg.core.models import Municipality, Role, User
from omsorg.respite.accounting import owner_accounting
from omsorg.respite.models import RespiteHome
from omsorg.respite.selectors import home_get
from omsorg.steering.charts import Chart, Series, bar_chart
from omsorg.steering.periods import Period
from omsorg.steering.report import one_decimal

BOARD_ROLES = {Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR}


def board_home(actor: User, home_id: int) -> RespiteHome:
    """The home's leader, and management or administrators of an owner municipality."""
    if actor.role not in BOARD_ROLES:
        raise PermissionDenied()
    return home_get(actor=actor, home_id=home_id, figures=True)


@dataclass
class BoardLine:
    municipality: Municipality
    kind: str  # "owner", "own" or "buyer"
    completed: int = 0
    planned: int = 0
    share_percent: Decimal | None = None
    share_nights: Decimal | None = None

    @property
    def used(self) -> int:
        return self.completed + self.planned

    @property
    def difference(self) -> Decimal | None:
        return None if self.share_nights is None else self.used - self.share_nights


@dataclass
class BoardReport:
    home: RespiteHome
    period: Period
    available: int
    lines: list[BoardLine]
    chart: Chart | None = None

    @property
    def owners(self) -> list[BoardLine]:
        return [line for line in self.lines if line.kind == "owner"]

    @property
    def others(self) -> list[BoardLine]:
        return [line for line in self.lines if line.kind != "owner"]

    @property
    def used(self) -> int:
        return sum(line.used for line in self.lines)

    @property
    def title(self) -> str:
        return _("Tertial report %(period)s to the board: %(name)s") % {
            "period": self.period.label,
            "name": self.home.unit.name,
        }


def board_report(home: RespiteHome, period: Period, *, today: datetime.date) -> BoardReport:
    months, _year = owner_accounting(home, period.first.year, today=today)
    chosen = [m for m in months if period.first <= m.first and m.last <= period.last]
    available = sum(m.available for m in chosen)
    lines: dict[tuple[str, int], BoardLine] = {}
    for account in chosen:
        kinds = [("owner", account.owners), ("own", [account.own] if account.own else [])]
        for kind, found in [*kinds, ("buyer", account.buyers)]:
            for line in found:
                key = (kind, line.municipality.pk)
                board = lines.setdefault(key, BoardLine(line.municipality, kind))
                board.completed += line.completed
                board.planned += line.planned
                board.share_percent = line.share_percent
    for board in lines.values():
        if board.share_percent is not None:
            board.share_nights = (board.share_percent * available / 100).quantize(Decimal("0.1"))
    order = {"owner": 0, "own": 1, "buyer": 2}
    ordered = sorted(lines.values(), key=lambda b: (order[b.kind], b.municipality.name))
    report = BoardReport(home, period, available, ordered)
    if report.owners:
        report.chart = bar_chart(
            key="chart-owners",
            title=_("Bed-nights used and the owner's share"),
            category_name=_("Owner"),
            categories=[line.municipality.name for line in report.owners],
            series=[
                Series(_("Used"), tuple(Decimal(line.used) for line in report.owners)),
                Series(_("Share"), tuple(line.share_nights for line in report.owners)),
            ],
            unit=_("bed-nights"),
            fmt=one_decimal,
        )
    return report


def board_html(report: BoardReport, *, pdf: bool = False) -> str:
    template = "steering/board_pdf.html" if pdf else "steering/_board_body.html"
    return render_to_string(template, {"report": report, "pdf": pdf})


def board_pdf(report: BoardReport) -> bytes:
    return html_to_pdf(board_html(report, pdf=True))
