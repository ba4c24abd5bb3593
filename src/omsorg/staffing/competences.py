"""The words of the competence register: professions and the courses and certificates a
person's care can need (issue 11 §1; seed 000: epilepsy, tegn til tale, ASK; seed 001 TT mål
1.2-1.3: vernepleiere, the gap between needs and competence)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Profession(models.TextChoices):
    VERNEPLEIER = "vernepleier", _("social educator (vernepleier)")
    SYKEPLEIER = "sykepleier", _("nurse (sykepleier)")
    HELSEFAGARBEIDER = "helsefagarbeider", _("health worker (helsefagarbeider)")
    BARNEVERNSPEDAGOG = "barnevernspedagog", _("child welfare educator")
    ASSISTENT = "assistent", _("assistant")
    OTHER = "annet", _("other")


# Professions with an authorisation under helsepersonelloven § 48: an HPR number is expected.
AUTHORISED = {Profession.VERNEPLEIER, Profession.SYKEPLEIER, Profession.HELSEFAGARBEIDER}


class Competence(models.TextChoices):
    """What a shift can need beyond a head count: a profession or a course."""

    VERNEPLEIER = "vernepleier", _("social educator (vernepleier)")
    SYKEPLEIER = "sykepleier", _("nurse (sykepleier)")
    EPILEPSY = "epilepsi", _("epilepsy")
    MEDICATION = "legemiddel", _("medication handling (delegation)")
    SIGN_SUPPORTED_SPEECH = "tegn_til_tale", _("sign-supported speech (tegn til tale)")
    AAC = "ask", _("augmentative and alternative communication (ASK)")
    FIRST_AID = "forstehjelp", _("first aid")
    COERCION = "tvang_kap9", _("coercion and force, chapter 9 training")


# Competences that come from the profession, not from a course.
PROFESSION_COMPETENCES = {
    Profession.VERNEPLEIER: Competence.VERNEPLEIER,
    Profession.SYKEPLEIER: Competence.SYKEPLEIER,
}
COURSES = [c for c in Competence if c not in PROFESSION_COMPETENCES.values()]
