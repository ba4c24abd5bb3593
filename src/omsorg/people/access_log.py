"""The access log as people read it: who has read a person's record, in words the person
understands (Normen: the person may see who accessed; GDPR art. 15).

Access-log rows name what was read by a short stable key ("person record", "decision 42");
this module turns the key into a sentence in the reader's language.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omsorg.core.models import User
from omsorg.people.models import AccessLog, Person

WHAT = {
    "person record": gettext_lazy("the person's page"),
    "person list": gettext_lazy("the name, in a list of persons"),
    "relatives": gettext_lazy("the relatives"),
    "consents": gettext_lazy("the consents"),
    "case": gettext_lazy("the case: application, assessment or decision"),
    "applications": gettext_lazy("the applications"),
    "decisions": gettext_lazy("the decisions"),
    "decision": gettext_lazy("a decision"),
    "decision letter": gettext_lazy("a decision letter"),
    "appeal letter": gettext_lazy("a letter about an appeal"),
    "preliminary reply letter": gettext_lazy("a preliminary reply"),
    "case journal": gettext_lazy("the case journal"),
    "worklist": gettext_lazy("the name, on a caseworker's worklist"),
    "meeting agenda": gettext_lazy("the name, on the agenda of the allocation meeting"),
    "access log": gettext_lazy("the list of who has read the record"),
    "invoice basis": gettext_lazy("the invoice basis for respite"),
    "stay": gettext_lazy("a respite stay"),
    "respite calendar": gettext_lazy("the respite home's calendar"),
    "respite children": gettext_lazy("the respite home's list of children"),
    "respite placement": gettext_lazy("the place at the respite home"),
    "respite plan": gettext_lazy("a plan of respite stays"),
    "respite stays": gettext_lazy("the respite stays"),
    "respite worklist": gettext_lazy("the respite home's worklist"),
    "respite: write": gettext_lazy("a respite stay, to change it"),
    "family: stays": gettext_lazy("the stays, on the family page"),
    "family: stay report": gettext_lazy("a stay report, on the family page"),
    "family: placement": gettext_lazy("the place at the respite home, on the family page"),
    "family: calendar feed": gettext_lazy("the stays, through the calendar link"),
    "family: access log": gettext_lazy("this list, on the family page"),
    "log control": gettext_lazy("the access log, in the data protection officer's control"),
}


def what_label(what: str) -> str:
    """The log row's key as words; a key this module does not know is shown as it is."""
    kind, _space, number = what.rpartition(" ")
    if kind == "decision" and number.isdigit():
        return _("decision no. %(number)s") % {"number": number}
    return str(WHAT.get(what, what))


def person_readers(person: Person, *, leave_out: User | None = None) -> QuerySet[AccessLog]:
    """Who has read the person's record, newest first, with the reader's unit; the reader
    asking may leave out their own reads (a guardian knows what they read)."""
    entries = person.access_log.select_related("actor__unit").order_by("-at", "-pk")
    if leave_out is not None:
        entries = entries.exclude(actor=leave_out)
    return entries
