from django.core.management import BaseCommand, call_command

# What `make prod` (deploy/prod.sh) runs before starting the processes, in this order.
STEPS = [
    ("check", {"deploy": True, "fail_level": "WARNING"}),
    ("migrate", {"interactive": False}),
    ("createcachetable", {}),
    ("collectstatic", {"interactive": False, "verbosity": 0}),
    ("seed", {}),  # an empty database gets the seed; one with content is left alone
    ("refresh_partnership_status", {"verbosity": 0}),
    ("newsletter_resume", {}),
]


class Command(BaseCommand):
    help = (
        "Prepares the site for its processes: deployment checks, migrations, cache table, static "
        "files, seed (empty database only), statuses, half-sent editions. One process for all the steps."
    )

    def handle(self, *args, **options):
        for name, step_options in STEPS:
            self.stdout.write(f"== {name}")
            call_command(name, stdout=self.stdout, stderr=self.stderr, **step_options)
