from django.conf import settings
from django.core.management import BaseCommand, call_command

# Order matters: each file refers to rows of the ones before it by natural key.
SEED_FIXTURES = [
    "fixtures/countries.json",
    "fixtures/domains.json",
    "fixtures/bodies.json",
    "fixtures/people.json",
    "fixtures/events.json",
    "fixtures/partnerships.json",
    "fixtures/delegations.json",
    "fixtures/articles.json",
]


class Command(BaseCommand):
    help = "Load (or reload) the seed data built from shared/seeds; running it twice changes nothing."

    def handle(self, *args, **options):
        paths = [settings.BASE_DIR / fixture for fixture in SEED_FIXTURES]
        call_command("loaddata", *paths, verbosity=options["verbosity"])
        # loaddata saves raw rows, without the signals that keep search texts current.
        call_command("refresh_search_index", verbosity=options["verbosity"])
