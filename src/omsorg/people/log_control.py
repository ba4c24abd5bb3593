"""Log control (Normen: the access log is followed up regularly): which reads are unusual
enough for the data protection officer to look at. Pure rules over plain rows, no database.

A rule looks at reads of one person's record (not the names a list page shows: a worklist
names 37 persons at once in ordinary work). Each rule says why a read is unusual:
- no need: the person had no active case or assignment for the reader's unit;
- same family name, or same address, as the reader (a relative or a neighbour);
- at night (configurable hours, local time);
- a burst: one reader, many distinct persons within a few minutes (configurable).
A refused read is always shown, whatever was asked for: someone asked for what they had no
need for.
"""

import datetime
from collections import defaultdict, deque
from dataclasses import dataclass
from enum import StrEnum

# Reads that show a list of names, logged once per person shown: part of daily work, so the
# rules leave them out (a search by a neighbour's name still leads to their record). So are a
# guardian's reads of their own child (the family pages, the calendar link polled at any hour)
# and the log control's own reads (the follow-up itself). Refused, they are shown all the same.
ROUTINE_READS = frozenset(
    {
        "log control",
        "family: stays",
        "family: stay report",
        "family: calendar feed",
        "family: access log",
        "person list",
        "worklist",
        "meeting agenda",
        "respite calendar",
        "respite children",
        "respite plan",
        "respite stays",
        "respite worklist",
        "invoice basis",
    }
)


class Reason(StrEnum):
    DENIED = "denied"
    NO_NEED = "no_need"
    SAME_FAMILY_NAME = "same_family_name"
    SAME_ADDRESS = "same_address"
    NIGHT = "night"
    BURST = "burst"


@dataclass(frozen=True)
class Rules:
    night_from: int = 22  # local hour the night starts
    night_until: int = 6  # local hour it ends
    burst_persons: int = 15  # this many distinct persons ...
    burst_minutes: int = 10  # ... within this many minutes by one reader


@dataclass(frozen=True)
class Read:
    """One access-log row, with what the rules need to know of reader and person."""

    id: int
    at: datetime.datetime  # local time
    reader_id: int
    person_id: int
    what: str
    denied: bool = False
    had_need: bool = True  # an active case or assignment for the reader's unit
    reader_family_name: str = ""
    reader_address: str = ""  # street address and postal code, normalised by `address_key`
    person_family_name: str = ""
    person_address: str = ""


def address_key(street: str, postal_code: str) -> str:
    """An address compared loosely: case and spacing do not matter; no street, no address."""
    street = " ".join(street.lower().split())
    return f"{street}|{postal_code.strip()}" if street else ""


def is_night(at: datetime.datetime, rules: Rules) -> bool:
    hour = at.hour
    if rules.night_from <= rules.night_until:
        return rules.night_from <= hour < rules.night_until
    return hour >= rules.night_from or hour < rules.night_until


def _same_name(read: Read) -> bool:
    name = read.reader_family_name.strip().lower()
    return bool(name) and name == read.person_family_name.strip().lower()


def _same_address(read: Read) -> bool:
    return bool(read.reader_address) and read.reader_address == read.person_address


def bursts(reads: list[Read], rules: Rules) -> set[int]:
    """Ids of the reads that make part of a burst: at some moment the reader had read at least
    `burst_persons` distinct persons within the last `burst_minutes`."""
    window = datetime.timedelta(minutes=rules.burst_minutes)
    flagged: set[int] = set()
    by_reader: dict[int, list[Read]] = defaultdict(list)
    for read in reads:
        by_reader[read.reader_id].append(read)
    for own in by_reader.values():
        recent: deque[Read] = deque()
        for read in sorted(own, key=lambda r: (r.at, r.id)):
            recent.append(read)
            while read.at - recent[0].at > window:
                recent.popleft()
            if len({r.person_id for r in recent}) >= rules.burst_persons:
                flagged.update(r.id for r in recent)
    return flagged


def reasons_for(read: Read, rules: Rules, in_burst: bool = False) -> list[Reason]:
    """Why this one read is unusual; empty when it is not."""
    checks = [
        (Reason.DENIED, read.denied),
        (Reason.NO_NEED, not read.denied and not read.had_need),
        (Reason.SAME_FAMILY_NAME, _same_name(read)),
        (Reason.SAME_ADDRESS, _same_address(read)),
        (Reason.NIGHT, is_night(read.at, rules)),
        (Reason.BURST, in_burst),
    ]
    return [reason for reason, applies in checks if applies]


def unusual_reads(reads: list[Read], rules: Rules) -> list[tuple[Read, list[Reason]]]:
    """The record reads to follow up, newest first, each with its reasons."""
    record_reads = [read for read in reads if read.denied or read.what not in ROUTINE_READS]
    in_burst = bursts(record_reads, rules)
    found = []
    for read in sorted(record_reads, key=lambda r: (r.at, r.id), reverse=True):
        reasons = reasons_for(read, rules, read.id in in_burst)
        if reasons:
            found.append((read, reasons))
    return found
