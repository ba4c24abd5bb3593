"""`omsorg load_catalogue NAME|PATH`: store a YAML catalogue as a new version if it changed."""

from django.core.management.base import BaseCommand, CommandError

from omsorg.catalogue.services import catalogue_load
from omsorg.core.errors import OmsorgError


class Command(BaseCommand):
    help = "Load catalogues/<name>.yaml (or a path); a changed catalogue becomes a new version."

    def add_arguments(self, parser):
        parser.add_argument("catalogue", nargs="+", help="catalogue name or YAML path")

    def handle(self, *args, **options):
        for name in options["catalogue"]:
            try:
                version = catalogue_load(name_or_path=name)
            except OmsorgError as error:
                raise CommandError(f"{name}: {error.text('nb')} / {error.text('en')}") from error
            self.stdout.write(f"{version} ({version.service_types.count()} services)")
