"""``makemessages`` that also extracts the pure criteria's texts.

The criteria (``catalogue/criteria``) import no Django, so they mark their texts with
``say`` and ``say_plural`` from ``catalogue/criteria/wording.py`` instead of ``gettext``;
these keywords make xgettext put those texts in the one catalogue beside the pages' and
letters' texts (Zulip extends the command the same way for its own markers).
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [
        *makemessages.Command.xgettext_options,
        "--keyword=say",
        "--keyword=say_plural:1,2",
    ]
