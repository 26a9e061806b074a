from django.core.management import BaseCommand

from newsletter import services
from newsletter.models import Edition


class Command(BaseCommand):
    help = (
        "Queue the sending again for every edition that still has deliveries to make, e.g. after "
        "every worker was stopped mid-send. Safe to run at any time (cron): deliveries are claimed "
        "once, so extra tasks find nothing to do."
    )

    def handle(self, *args, **options):
        editions = Edition.objects.filter(status=Edition.Status.SENDING)
        for edition in editions:
            if edition.mark_complete_if_done():
                self.stdout.write(f"{edition.pk}: terminée")
            else:
                services.enqueue_edition(edition.pk)
                self.stdout.write(f"{edition.pk}: envoi relancé")
