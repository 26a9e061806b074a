from datetime import timedelta

from django.core.management import BaseCommand
from django.utils import timezone

from newsletter.models import Subscriber


class Command(BaseCommand):
    help = "Delete sign-ups never confirmed (data minimisation): their link expired long ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Age of the sign-up (default: 30).")

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _ = Subscriber.objects.filter(
            status=Subscriber.Status.PENDING, consent_at__lt=cutoff
        ).delete()
        self.stdout.write(f"{deleted} ligne(s) supprimée(s)")
