"""The facts behind a criterion met by judgement, as a caseworker writes them (fvl § 25).

"Omsorgsbyrden er særlig tyngende" is a conclusion; the letter must say what it rests on:
diagnosis and needs, nights, hours, siblings, the family's own situation. Each demo child gets
one of these, chosen by its identity so the demo stays repeatable, in the municipality's
written language.
"""

from omsorg.cases.judgement import JudgedCriterion

# By the judgement fact the criterion rests on (cases/judgement.py JUDGEMENT_FACTS).
HEAVY_CARE = {
    "nb": (
        "{name} har autisme og epilepsi og sover urolig; foreldrene er oppe tre til fire netter "
        "i uka. {name} må ha tilsyn hele den våkne tiden, og foreldrene har ikke hatt en fri "
        "helg på over et år.",
        "{name} har cerebral parese og trenger hjelp til all forflytning, stell og måltider. "
        "Foreldrene bruker om lag fem timer om dagen på stell og trening, og to yngre søsken "
        "trenger dem også.",
        "{name} har en utviklingshemming med utfordrende atferd og må ha en voksen tett på hele "
        "tiden. Familien har ingen som kan ta over, og mor har gått ned til halv stilling.",
    ),
    "nn": (
        "{name} har autisme og epilepsi og søv uroleg; foreldra er oppe tre til fire netter i "
        "veka. {name} må ha tilsyn heile den vakne tida, og foreldra har ikkje hatt ei fri helg "
        "på over eitt år.",
        "{name} har cerebral parese og treng hjelp til all forflytting, stell og måltid. "
        "Foreldra bruker om lag fem timar om dagen på stell og trening, og to yngre sysken "
        "treng dei òg.",
        "{name} har ei utviklingshemming med utfordrande åtferd og må ha ein vaksen tett på "
        "heile tida. Familien har ingen som kan ta over, og mor har gått ned til halv stilling.",
    ),
}
DEMANDING_CARE = {
    "nb": (
        "Omsorgen tar om lag 60 timer i måneden ut over vanlig foreldreomsorg: sondemating om "
        "natten, medisiner fire ganger i døgnet og følge til sykehuset hver tredje uke. "
        "Omsorgsgiveren har gått ned til 40 % stilling for å klare det.",
        "{name} trenger hjelp til alt stell og må snus to ganger hver natt. Omsorgsgiveren har "
        "ikke sovet en hel natt på flere år og har sluttet med egne fritidsaktiviteter.",
    ),
    "nn": (
        "Omsorga tek om lag 60 timar i månaden ut over vanleg foreldreomsorg: sondemating om "
        "natta, medisinar fire gonger i døgnet og følgje til sjukehuset kvar tredje veke. "
        "Omsorgsgivaren har gått ned til 40 % stilling for å klare det.",
        "{name} treng hjelp til alt stell og må snuast to gonger kvar natt. Omsorgsgivaren har "
        "ikkje sove ei heil natt på fleire år og har slutta med eigne fritidsaktivitetar.",
    ),
}
BEST_FOR_CHILD = {
    "nb": (
        "{name} blir roligere og mer aktiv ute med dyr; skolen og foreldrene ser færre utbrudd "
        "etter dager på gården. Avlastningsboligen er prøvd, uten at {name} fant seg til rette.",
    ),
    "nn": (
        "{name} blir roligare og meir aktiv ute med dyr; skulen og foreldra ser færre utbrot "
        "etter dagar på garden. Avlastingsbustaden er prøvd, utan at {name} fann seg til rette.",
    ),
}
BY_CRITERION = {
    "particularly_demanding_care": DEMANDING_CARE,
    "judged_best_for_child": BEST_FOR_CHILD,
}


def fact_statement(criterion: JudgedCriterion, given_name: str, pick: int, lang: str) -> str:
    """A statement for one judged criterion, for the person named, in `lang` (nb or nn)."""
    texts = BY_CRITERION.get(criterion.code, HEAVY_CARE)
    variants = texts.get(lang) or texts["nb"]
    return variants[pick % len(variants)].format(name=given_name)
