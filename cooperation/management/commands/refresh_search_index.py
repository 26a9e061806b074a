from django.core.management import BaseCommand

from articles.models import Article
from cooperation import search
from cooperation.models import Partnership


class Command(BaseCommand):
    help = "Rebuild the search texts and vectors (run after loaddata, which skips the signals)."

    def handle(self, *args, **options):
        count = Partnership.objects.all().refresh_search_index()
        if search.on_postgres(Article.objects.all()):
            Article.objects.update(search_vector=search.vector(Article.SEARCH_WEIGHTS))
        if options["verbosity"]:
            self.stdout.write(f"Search index refreshed: {count} partnerships.")
