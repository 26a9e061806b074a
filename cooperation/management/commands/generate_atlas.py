import argparse
import os
import random
import time

from django.core.management import BaseCommand, CommandError
from django.core.management.base import DjangoHelpFormatter

from cooperation import generator


class HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of the epilog (the words a benchmark can search)."""


EPILOG = f"""\
Generated rows have slugs starting with « {generator.PREFIX} ». Dates run up to {generator.AS_OF}; \
articles over the {generator.ARTICLE_YEARS} years before.

Words to search (exact counts, given enough rows):
  « {generator.COMMON_WORD} »  in {generator.COMMON_SHARE:.0%} of partnerships and of articles
  {", ".join(generator.RARE_WORDS)}
      each in {generator.RARE_ROWS} partnership summaries and {generator.RARE_ROWS} articles
  "{generator.RARE_PHRASE}"  (phrase) in {generator.RARE_ROWS} partnerships and {generator.RARE_ROWS} \
articles; « flottants » alone in {generator.RARE_ROWS} more of each
  « {generator.UNCOMMON_WORD} »  in {generator.UNCOMMON_SHARE:.0%} of partnerships and of articles
"""


class Command(BaseCommand):
    help = (
        "Fill the database with a large, realistic and reproducible atlas for benchmarks: countries,\n"
        "bodies, people, events, partnerships with their agreements, signatories, domains, tags and\n"
        "delegations, and articles; the search columns are filled as the site fills them. Refuses a\n"
        "database holding content it did not generate, unless --force."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.epilog = EPILOG
        return parser

    def add_arguments(self, parser):
        parser.add_argument("--partnerships", type=int, default=1000, help="Partnerships (default 1000).")
        parser.add_argument("--articles", type=int, default=1000, help="Articles (default 1000).")
        parser.add_argument(
            "--bodies",
            type=int,
            help="Bodies (default: partnerships / 16, at least about 100, at most 6000).",
        )
        parser.add_argument(
            "--countries",
            type=int,
            default=len(generator.COUNTRIES),
            help=f"Countries, France included (default and at most {len(generator.COUNTRIES)}).",
        )
        parser.add_argument("--events", type=int, help="Events (default: partnerships / 250, 5 to 400).")
        parser.add_argument(
            "--seed", type=int, help="Seed: the same seed and counts give the same rows (default: random)."
        )
        parser.add_argument("--batch-size", type=int, default=2000, help="Rows per INSERT (default 2000).")
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="Worker processes filling the partnerships' search columns on PostgreSQL, each batch in "
            "its own transaction (default: one per core). With 1, or on SQLite, everything runs in this "
            "process in one transaction.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Generate even if the database holds content generate_atlas did not create.",
        )

    def handle(self, *args, **options):
        for name in ("partnerships", "articles", "bodies", "events", "countries", "batch_size", "jobs"):
            least = 1 if name in ("batch_size", "jobs") else 0
            if options[name] is not None and options[name] < least:
                raise CommandError(f"--{name.replace('_', '-')} must be at least {least}.")
        self.check_database(options["force"])
        counts = generator.Counts(
            partnerships=options["partnerships"],
            articles=options["articles"],
            bodies=options["bodies"],
            countries=options["countries"],
            events=options["events"],
        )
        seed = options["seed"] if options["seed"] is not None else random.SystemRandom().randrange(10**6)
        self.verbose = options["verbosity"] > 0
        self.line_open = False
        if self.verbose:
            self.stderr.write(
                f"generate_atlas: seed {seed} ({counts.partnerships:,} partnerships, {counts.articles:,}"
                f" articles, {counts.bodies:,} bodies, {counts.countries} countries)",
                style_func=str,
            )
        self.started = time.monotonic()
        self.shown = {}
        gen = generator.Generator(
            counts, seed, batch_size=options["batch_size"], jobs=options["jobs"], progress=self.show
        )
        timings = gen.run()
        generator.analyze()
        if not self.verbose:
            return
        total = time.monotonic() - self.started
        stages = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in timings.items())
        self.stdout.write(f"Generated in {total:.1f} s ({stages}).")
        for stage, seconds in gen.index_seconds.items():
            rows = getattr(counts, stage)
            per_thousand = seconds / rows * 1000 if rows else 0
            where = " in the workers, summed" if stage == "partnerships" and gen.pool else ""
            self.stdout.write(
                f"Search indexing of {stage}{where}: {seconds:.1f} s ({per_thousand:.2f} s per 1,000 rows)."
            )
        if counts.partnerships:
            cpu = gen.index_cpu_seconds
            self.stdout.write(
                f"  of which Python CPU: {cpu:.1f} s ({cpu / counts.partnerships * 1000:.2f} s per 1,000 "
                "partnerships; PostgreSQL's own work not included)."
            )
        for table, rows in generator.table_counts().items():
            self.stdout.write(f"  {table:<40} {rows:>10,}")

    def check_database(self, force):
        found = generator.content_found()
        generated = [f"{count:,} {label}" for label, _, _, count in found if count]
        if generated:
            raise CommandError(
                f"This database already holds a generated atlas ({', '.join(generated[:4])}…: slugs starting "
                f"with « {generator.PREFIX} »). Generated rows are never replaced or added to: empty the "
                "database first (manage.py flush) or use another one."
            )
        others = [f"{count:,} {label} (e.g. « {first} »)" for label, count, first, _ in found if count]
        if others and not force:
            raise CommandError(
                "This database holds content that generate_atlas did not create (slugs not starting with "
                f"« {generator.PREFIX} »): {'; '.join(others)}. It looks like real or seed data: use an "
                "empty database, or pass --force to generate beside it."
            )

    def show(self, stage, done, total):
        """Progress on stderr: one line rewritten in a terminal, a line every 10 % otherwise."""
        if not self.verbose:
            return
        elapsed = time.monotonic() - self.started
        text = f"  {stage}: {done:,}/{total:,} ({done / total:.0%}), {elapsed:.0f} s"
        if self.stderr.isatty():
            self.stderr.write(f"\r{text}\033[K", style_func=str, ending="\n" if done >= total else "")
            self.stderr.flush()
        else:
            step = int(done / total * 10) if total else 10
            if done >= total or step > self.shown.get(stage, 0):
                self.shown[stage] = step
                self.stderr.write(text, style_func=str)
                self.stderr.flush()
