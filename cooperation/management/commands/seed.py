"""Load the seed data into an empty database; never overwrite staff's edits unless asked to."""

import json
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import BaseCommand, call_command
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, transaction

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


@dataclass
class Outcome:
    present: int = 0
    added: int = 0
    edited: list = field(default_factory=list)  # present rows that differ from the seed
    refused: list = field(default_factory=list)  # missing rows that clash with a present one


def seed_paths():
    return [settings.BASE_DIR / fixture for fixture in SEED_FIXTURES]


def seed_models(paths):
    labels = set()
    for path in paths:
        labels.update(row["model"] for row in json.loads(path.read_text()))
    return [apps.get_model(label) for label in sorted(labels)]


def differs(existing, loaded):
    """Whether saving `loaded` (a DeserializedObject) would change the stored row `existing`."""
    for model_field in existing._meta.concrete_fields:
        if model_field.primary_key or not model_field.editable:
            continue
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            continue
        if model_field.value_from_object(existing) != model_field.value_from_object(loaded.object):
            return True
    for name, pks in (loaded.m2m_data or {}).items():
        stored = set(getattr(existing, name).values_list("pk", flat=True))
        if stored != {existing._meta.get_field(name).remote_field.model._meta.pk.to_python(pk) for pk in pks}:
            return True
    return False


def load(paths, models, overwrite):
    """Save the seed's missing rows (and, with `overwrite`, its present ones again)."""
    outcome = Outcome()
    deferred = []
    with connection.constraint_checks_disabled():
        for path in paths:
            with path.open() as stream:
                for loaded in serializers.deserialize(
                    "json", stream, using=DEFAULT_DB_ALIAS, handle_forward_references=True
                ):
                    row = loaded.object
                    if row.pk is not None:  # found again by its natural key
                        outcome.present += 1
                        existing = type(row)._base_manager.get(pk=row.pk)
                        if differs(existing, loaded):
                            outcome.edited.append(existing)
                        if not overwrite:
                            continue
                        loaded.save()
                    else:
                        try:
                            with transaction.atomic():
                                loaded.save()
                        except IntegrityError:
                            outcome.refused.append(row)
                            continue
                        outcome.added += 1
                    if loaded.deferred_fields:
                        deferred.append(loaded)
        for loaded in deferred:
            loaded.save_deferred_fields()
    connection.check_constraints(table_names=[model._meta.db_table for model in models])
    return outcome


def rows(count):
    return f"{count} seed row" + ("" if count == 1 else "s")


def describe(rows, limit=10):
    names = [f"{row._meta.verbose_name} « {row} »" for row in rows[:limit]]
    more = f" and {len(rows) - limit} more" if len(rows) > limit else ""
    return ", ".join(names) + more


class Command(BaseCommand):
    help = (
        "Load the seed data built from shared/seeds into an empty database. On a database with "
        "content it changes nothing and says what it found, unless given --add-missing (add the "
        "seed rows that are missing) or --overwrite (also reset the seeded rows to the seed)."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--add-missing",
            action="store_true",
            help="Add the seed rows that are missing (new in the fixtures, or deleted by staff); "
            "leave the present ones as they are.",
        )
        mode.add_argument(
            "--overwrite",
            action="store_true",
            help="Reset every seeded row to the seed, undoing staff's edits, and add the missing ones.",
        )

    def handle(self, *args, **options):
        paths = seed_paths()
        models = seed_models(paths)
        has_content = any(model._base_manager.exists() for model in models)
        writes = not has_content or options["add_missing"] or options["overwrite"]
        with transaction.atomic():
            outcome = load(paths, models, overwrite=options["overwrite"])
            if not writes:
                transaction.set_rollback(True)  # only counted what --add-missing would add
        if writes and (outcome.added or options["overwrite"]):
            # Fixtures save raw rows, without the signals that keep search texts current.
            call_command("refresh_search_index", verbosity=options["verbosity"])
        if options["verbosity"]:
            self.report(outcome, has_content, options)

    def report(self, outcome, has_content, options):
        if not has_content:
            self.stdout.write(f"Empty database: {rows(outcome.added)} added.")
        elif options["overwrite"]:
            edited = (
                f" ({len(outcome.edited)} had been edited: {describe(outcome.edited)})"
                if outcome.edited
                else ""
            )
            self.stdout.write(
                f"{rows(outcome.present)} overwritten with the seed{edited}; {outcome.added} added."
            )
        elif options["add_missing"]:
            self.stdout.write(
                f"{rows(outcome.present)} already present, left as they are; {outcome.added} added."
            )
        else:
            missing = outcome.added + len(outcome.refused)
            self.stdout.write(
                f"The database has content: {rows(outcome.present)} already present, left as they are "
                f"({len(outcome.edited)} of them edited since); 0 added."
            )
            if missing:
                self.stdout.write(
                    f"{rows(missing)} missing (deleted, or new in the fixtures): "
                    "`manage.py seed --add-missing` adds them."
                )
        if outcome.refused:
            self.stdout.write(
                f"{rows(len(outcome.refused))} missing clash with existing rows and were not added: "
                f"{describe(outcome.refused)}."
            )
        if has_content and not options["overwrite"] and outcome.edited:
            self.stdout.write(
                "`manage.py seed --overwrite` resets the seeded rows to the seed, undoing those edits."
            )
