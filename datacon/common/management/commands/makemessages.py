"""Django's makemessages without fuzzy matching.

A fuzzy guess ("Mi cuenta" -> "account") looks translated to a tired reviewer
and ships a wrong English text; every new message starts empty instead, and
the catalogue test fails until someone translates it.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
