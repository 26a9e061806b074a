from django.core.management import BaseCommand

from articles import indexing as article_indexing
from articles.models import Article
from cooperation import indexing
from cooperation.models import Partnership
from core import pagecache


class Command(BaseCommand):
    help = "Rebuild the search texts and vectors (run after loaddata, which skips the signals)."

    def handle(self, *args, **options):
        count = indexing.refresh(Partnership.objects.all())
        article_indexing.refresh(Article.objects.all())
        pagecache.bump_version()  # fixtures and querysets updates send no signal
        if options["verbosity"]:
            self.stdout.write(f"Search index refreshed: {count} partnerships.")
