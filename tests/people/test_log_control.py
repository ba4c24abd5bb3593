"""Log control (Normen: "logg skal kontrolleres jevnlig"; issue 8 §4): the rules that pick the
unusual reads, as a pure selector; nothing here touches the database."""

import datetime

from omsorg.people.log_control import (
    Read,
    Reason,
    Rules,
    address_key,
    bursts,
    is_night,
    unusual_reads,
)

RULES = Rules(night_from=22, night_until=6, burst_persons=3, burst_minutes=10)
NOON = datetime.datetime(2026, 12, 7, 12, 0)


def read(n=1, *, minutes=0, person=None, reader=1, **fields) -> Read:
    values = {
        "id": n,
        "at": NOON + datetime.timedelta(minutes=minutes),
        "reader_id": reader,
        "person_id": person if person is not None else n,
        "what": "person record",
    }
    values.update(fields)
    return Read(**values)


def reasons(one: Read, rules: Rules = RULES) -> list[Reason]:
    found = unusual_reads([one], rules)
    return found[0][1] if found else []


def test_an_ordinary_read_in_working_hours_with_a_need_is_not_shown():
    assert reasons(read()) == []


def test_a_read_with_no_active_case_or_assignment_for_the_readers_unit_is_shown():
    assert reasons(read(had_need=False)) == [Reason.NO_NEED]


def test_a_refused_read_is_always_shown_and_is_not_also_a_no_need():
    assert reasons(read(denied=True, had_need=False)) == [Reason.DENIED]


def test_same_family_name_as_the_reader_ignores_case_and_spaces():
    same = read(reader_family_name="Haugland", person_family_name=" haugland")
    assert reasons(same) == [Reason.SAME_FAMILY_NAME]
    assert reasons(read(reader_family_name="", person_family_name="")) == []


def test_same_address_as_the_reader_is_compared_loosely_and_needs_a_street():
    home = address_key("Storgata  12", "7380")
    assert home == address_key("storgata 12", "7380 ")
    assert reasons(read(reader_address=home, person_address=home)) == [Reason.SAME_ADDRESS]
    assert address_key("", "7380") == ""
    assert reasons(read(reader_address="", person_address="")) == []


def test_night_hours_wrap_midnight_and_are_configurable():
    at = NOON.replace
    assert is_night(at(hour=23), RULES) and is_night(at(hour=2), RULES)
    assert not is_night(at(hour=6), RULES) and not is_night(at(hour=21, minute=59), RULES)
    day_shift_is_night = Rules(night_from=9, night_until=17)
    assert is_night(at(hour=12), day_shift_is_night) and not is_night(at(hour=8), RULES)
    assert reasons(read(at=at(hour=23, minute=30))) == [Reason.NIGHT]


def test_a_burst_is_many_distinct_persons_by_one_reader_within_the_window():
    quick = [read(1, minutes=0), read(2, minutes=4), read(3, minutes=9)]
    assert bursts(quick, RULES) == {1, 2, 3}
    slow = [read(1, minutes=0), read(2, minutes=6), read(3, minutes=12)]
    assert bursts(slow, RULES) == set()
    same_person = [read(n, minutes=n, person=7) for n in range(1, 6)]
    assert bursts(same_person, RULES) == set()
    two_readers = [read(1, reader=1), read(2, reader=2), read(3, reader=3)]
    assert bursts(two_readers, RULES) == set()
    found = dict(unusual_reads(quick, RULES))
    assert all(found[r] == [Reason.BURST] for r in quick)


def test_list_reads_are_daily_work_and_left_out():
    names_on_a_worklist = [read(n, what="worklist", had_need=False) for n in range(1, 40)]
    assert unusual_reads(names_on_a_worklist, RULES) == []


def test_a_guardians_calendar_polled_at_night_is_routine_but_a_refusal_is_not():
    poll = read(1, what="family: calendar feed", had_need=False, at=NOON.replace(hour=3))
    assert unusual_reads([poll], RULES) == []
    refused = read(2, what="family: stay report", denied=True)
    assert reasons(refused) == [Reason.DENIED]


def test_findings_are_newest_first_with_every_reason():
    late_neighbour = read(
        2, minutes=0, at=NOON.replace(hour=23), had_need=False,
        reader_address="a|1", person_address="a|1",
    )  # fmt: skip
    found = unusual_reads([read(1, had_need=False), late_neighbour], RULES)
    assert [r.id for r, _ in found] == [2, 1]
    assert found[0][1] == [Reason.NO_NEED, Reason.SAME_ADDRESS, Reason.NIGHT]
