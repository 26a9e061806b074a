from django.core.management import BaseCommand

from newsletter import tasks
from newsletter.models import Edition


class Command(BaseCommand):
    help = (
        "Queue the sending again for every edition that still has deliveries to make, e.g. after "
        "every worker was stopped mid-send, and mark as failed the delivery tasks of workers that "
        "died. Safe to run at any time (cron): it counts the tasks already queued or running, so "
        "running it again queues nothing more."
    )

    def handle(self, *args, **options):
        abandoned = tasks.abandon_dead_tasks()
        if abandoned:
            self.stdout.write(f"{abandoned} tâche(s) d'un processus disparu marquée(s) en échec")
        for edition in Edition.objects.filter(status=Edition.Status.SENDING):
            if edition.mark_complete_if_done():
                self.stdout.write(f"{edition.pk}: terminée")
            elif tasks.queue_edition(edition.pk):
                self.stdout.write(f"{edition.pk}: envoi relancé")
            else:
                self.stdout.write(f"{edition.pk}: envoi en cours")
