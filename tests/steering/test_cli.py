"""`omsorg import` and `omsorg report kpi` from the shell (issue 9 §1 and "Command-line
figures"): exit 2 and every bad row on stderr for a bad file, nothing loaded; a summary on
stdout otherwise; figures as JSON numbers over a unit and every unit below it."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from omsorg.__main__ import main
from omsorg.steering.models import BudgetMonth, ImportEvent, StaffMonth
from tests import factories

STAFF = (
    "month,unit,employee_id,position_pct,profession,relevant_education,"
    "contracted_hours,sick_leave_hours"
)


class Output:
    out = ""
    err = ""


OUTPUT = Output()


def _run(*argv) -> int:
    """Run the command in this process as the shell would, and return its exit code.

    Django's `run_from_argv` prints a CommandError on stderr and exits with its returncode;
    call_command keeps the test's database connection open, which run_from_argv closes.
    """
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*argv, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        err.write(f"CommandError: {error}\n")
        code = error.returncode
    OUTPUT.out, OUTPUT.err = out.getvalue(), err.getvalue()
    return code


def _write(tmp_path, name: str, *lines: str):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def kpi_data(municipality, units, registered, tmp_path):
    """The hand-computed fixture of the report tests below (issue 9, "Command-line figures")."""
    p = registered
    files = {
        "staff": _write(
            tmp_path,
            "staff.csv",
            STAFF,
            "2024-01,SONE-A,e1,100,vernepleier,true,150,15",
            "2024-01,SONE-A1,e2,50,sykepleier,true,75,0",
            "2024-02,SONE-A,e1,100,Vernepleier,true,150,0",
            "2024-05,SONE-B,e3,80,assistent,false,120,12",
            "2024-01,TT,e9,60,vernepleier,false,90,45",
        ),
        "budget": _write(
            tmp_path,
            "budget.csv",
            "month;unit;budget_nok;accounts_nok",
            "2024-01;SONE-A;100000;90000",
            "2024-01;SONE-A1;20000;25000.50",
            "2024-05;SONE-B;30000;30000",
            "2024-01;TT;1000;0",
        ),
        "registrations": _write(
            tmp_path,
            "registrations.csv",
            "date,national_id,unit,service,hours",
            f"2024-01-02,{p[0]},SONE-A,support_contact,2.5",
            f"2024-01-03,{p[0]},SONE-A1,support_contact,1.5",
            f"2024-02-10,{p[1]},SONE-A,respite_home,8",
            f"2024-05-01,{p[2]},SONE-B,support_contact,3",
            f"2024-04-30,{p[3]},TT,support_contact,4",
        ),
    }
    for kind, path in files.items():
        assert _run("import", kind, str(path)) == 0


# The figures the issue 9 contract names; the JSON has the scorecard's as well (issue 9 §4,
# tests/steering/test_scorecard_cli.py), so these tests compare the contract's keys.
CONTRACT = (
    "sick_leave_pct", "avg_position_pct", "relevant_education_pct", "vernepleier_pct",
    "budget_nok", "accounts_nok", "budget_deviation_nok", "delivered_hours", "recipients",
)  # fmt: skip


def _kpi(capsys, unit: str, period: str, *extra) -> dict:
    assert _run("report", "kpi", "--unit", unit, "--period", period, "--json", *extra) == 0
    body = json.loads(OUTPUT.out)
    assert (body["unit"], body["period"]) == (unit, period)
    return {name: body["kpis"][name] for name in CONTRACT}


def test_a_good_file_prints_a_summary(municipality, units, tmp_path, capsys):
    path = _write(tmp_path, "b.csv", "month;unit;budget_nok;accounts_nok", "2024-01;SONE-A;5;4")
    assert _run("import", "budget", str(path)) == 0
    event = ImportEvent.objects.get()
    out = OUTPUT.out
    assert f"import {event.pk}: budget" in out and "rows=1" in out and event.file_sha256 in out


def test_a_bad_file_exits_2_lists_every_bad_row_and_loads_nothing(
    municipality, units, tmp_path, capsys
):
    path = _write(
        tmp_path,
        "staff.csv",
        STAFF,
        "2024-01,SONE-A,e1,100,vernepleier,true,150,15",
        "2024-01,NOPE,e2,50,sykepleier,true,75,0",
        "2024-01,SONE-A,e3,abc,sykepleier,true,75,0",
        "2024-01,SONE-A,e1,100,vernepleier,true,150,15",
    )
    assert _run("import", "staff", str(path), "--municipality", municipality.number) == 2
    err = OUTPUT.err
    lines = [line for line in err.splitlines() if line.startswith(f"{path}:")]
    assert [line.split(":")[1] for line in lines] == ["3", "4", "5"]
    assert "linje 3: Ingen enhet har koden «NOPE»." in lines[0]
    assert "line 3: No unit has the code “NOPE”." in lines[0]
    assert "line 5: The same key as line 2." in lines[2]
    assert not StaffMonth.objects.exists() and not ImportEvent.objects.exists()


def test_undo_from_the_shell(municipality, units, tmp_path, capsys):
    path = _write(tmp_path, "b.csv", "month;unit;budget_nok;accounts_nok", "2024-01;SONE-A;5;4")
    _run("import", "budget", str(path))
    event = ImportEvent.objects.get()
    assert _run("import", "--undo", str(event.pk)) == 0
    assert "undone" in OUTPUT.out
    assert not BudgetMonth.objects.exists()
    assert _run("import", "--undo", str(event.pk)) == 2  # already undone
    assert _run("import", "--undo", "999999") == 2


def test_the_municipality_must_be_named_when_there_are_several(municipality, units, tmp_path):
    factories.other_municipality("3001", "Halden")
    path = _write(tmp_path, "b.csv", "month;unit;budget_nok;accounts_nok", "2024-01;SONE-A;5;4")
    assert _run("import", "budget", str(path)) == 2
    assert _run("import", "budget", str(path), "--municipality", "9999") == 2
    assert _run("import", "budget", str(path), "--municipality", municipality.number) == 0


def test_a_missing_file_exits_2(municipality, tmp_path):
    assert _run("import", "budget", str(tmp_path / "nothing.csv")) == 2


def test_kpis_of_a_unit_cover_the_units_below_it(kpi_data, capsys):
    # SONE-A and SONE-A1, January–April 2024: employee-months e1 Jan, e2 Jan, e1 Feb.
    assert _kpi(capsys, "SONE-A", "2024-T1") == {
        "sick_leave_pct": 4.0,  # 15 / (150 + 75 + 150) × 100
        "avg_position_pct": 83.33,  # (100 + 50 + 100) / 3
        "relevant_education_pct": 100.0,  # 3 of 3
        "vernepleier_pct": 66.67,  # 2 of 3 (profession compared without case)
        "budget_nok": 120000,
        "accounts_nok": 115000.5,
        "budget_deviation_nok": 4999.5,
        "delivered_hours": 12,  # 2.5 + 1.5 + 8
        "recipients": 2,  # p0 (twice) and p1
    }


def test_kpis_of_a_leaf_unit_and_a_month(kpi_data, capsys):
    assert _kpi(capsys, "SONE-A1", "2024-01") == {
        "sick_leave_pct": 0.0,
        "avg_position_pct": 50.0,
        "relevant_education_pct": 100.0,
        "vernepleier_pct": 0.0,
        "budget_nok": 20000,
        "accounts_nok": 25000.5,
        "budget_deviation_nok": -5000.5,  # over budget
        "delivered_hours": 1.5,
        "recipients": 1,
    }


def test_kpis_of_the_whole_municipality_for_a_year(kpi_data, capsys, municipality):
    assert _kpi(capsys, "all", "2024", "--municipality", municipality.number) == {
        "sick_leave_pct": 12.31,  # 72 / 585 × 100 = 12.3077
        "avg_position_pct": 78.0,  # 390 / 5
        "relevant_education_pct": 60.0,  # 3 of 5
        "vernepleier_pct": 60.0,  # 3 of 5
        "budget_nok": 151000,
        "accounts_nok": 145000.5,
        "budget_deviation_nok": 5999.5,
        "delivered_hours": 19,
        "recipients": 4,
    }


def test_tertial_two_holds_may_to_august(kpi_data, capsys):
    figures = _kpi(capsys, "HBT", "2024-T2")
    assert figures["sick_leave_pct"] == 10.0 and figures["delivered_hours"] == 3
    assert (figures["budget_nok"], figures["budget_deviation_nok"]) == (30000, 0)


def test_an_empty_period_gives_zeros_and_nulls(kpi_data, capsys):
    assert _kpi(capsys, "TT", "2024-T3") == {
        "sick_leave_pct": None,
        "avg_position_pct": None,
        "relevant_education_pct": None,
        "vernepleier_pct": None,
        "budget_nok": 0,
        "accounts_nok": 0,
        "budget_deviation_nok": 0,
        "delivered_hours": 0,
        "recipients": 0,
    }


def test_a_reimport_is_counted_once(kpi_data, capsys, tmp_path):
    path = _write(tmp_path, "b2.csv", "month,unit,budget_nok,accounts_nok", "2024-01,SONE-A,1,1")
    assert _run("import", "budget", str(path)) == 0
    assert _kpi(capsys, "SONE-A", "2024-01")["budget_nok"] == 20001  # 1 + SONE-A1's 20 000


def test_report_queries_do_not_grow_with_rows(kpi_data, django_assert_max_num_queries, capsys):
    # The contract's three sums, the scorecard's surveys, case figures and decided vs
    # delivered hours (issue 9 §2): a fixed number.
    with django_assert_max_num_queries(24):
        _kpi(capsys, "all", "2024")


@pytest.mark.parametrize(
    "argv",
    [
        ("--unit", "NOPE", "--period", "2024"),
        ("--unit", "all", "--period", "2024-T4"),
        ("--unit", "all", "--period", "24"),
    ],
)
def test_bad_report_arguments_exit_2(kpi_data, argv):
    assert _run("report", "kpi", *argv, "--json") == 2


@pytest.mark.django_db(transaction=True)
def test_the_omsorg_command_exits_2_on_a_bad_file(tmp_path, capsys):
    path = _write(tmp_path, "b.csv", "month;unit;budget_nok;accounts_nok", "2024-13;X;1;1")
    factories.other_municipality("3001", "Halden")
    with pytest.raises(SystemExit) as exit_:
        main(["import", "budget", str(path), "--municipality", "3001"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"{path}:2: linje 2:" in err and "line 2: month is not a month (YYYY-MM)" in err
    assert not BudgetMonth.objects.exists()
