import datetime

from django.core.management import BaseCommand
from django.utils import timezone

from cooperation.models import Partnership
from core import pagecache
from core.models import went_live


class Command(BaseCommand):
    help = (
        "Store today's status of the partnerships an agreement of which came into force or expired "
        "lately, and the search data of those an agreement or body of which went online at its "
        "scheduled time (run daily, e.g. from cron; --all for every partnership)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Refresh every partnership.")
        parser.add_argument("--days", type=int, default=7, help="How far back to look (default 7).")

    def handle(self, *args, **options):
        partnerships = Partnership.objects.all()
        if not options["all"]:
            partnerships = partnerships.status_may_have_changed(days=options["days"])
        count = partnerships.refresh_status()
        now = timezone.now()
        went_live.send(sender=None, since=now - datetime.timedelta(days=options["days"]), until=now)
        pagecache.bump_version()  # a queryset update sends no signal
        if options["verbosity"]:
            self.stdout.write(f"Status refreshed: {count} partnerships.")
