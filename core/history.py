"""Revisions of the content, kept by django-reversion: what is versioned, and what changed.

Each app says in its `versions.py` which models are versioned and which related rows a version
takes along (`follow`: a partnership's parties, agreements and tags). A revision holds one version
of every row of that graph, so comparing two revisions, or one with the rows as they are now,
tells what changed row by row and field by field.
"""

import contextvars
import datetime
import difflib
import re
from dataclasses import dataclass, field

import reversion
from django.db import models
from django.db.models.signals import post_save, pre_save
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version


@dataclass(frozen=True)
class Versioned:
    follow: tuple  # the relations whose rows each version takes along
    shown: tuple  # the fields a comparison shows: what staff edit, not keys or timestamps


VERSIONED = {}  # model -> Versioned


def register(model, follow=(), exclude=()):
    """Version `model` (and the rows named by `follow`), leaving out the `exclude`d fields.

    Many-to-many relations kept in rows of their own (a partnership's parties, tags) are left
    out of the version: those rows are versioned themselves, through `follow`.
    """
    opts = model._meta
    by_rows = [f.name for f in opts.local_many_to_many if not f.remote_field.through._meta.auto_created]
    exclude = {*exclude, *by_rows}
    reversion.register(model, follow=tuple(follow), exclude=tuple(exclude))
    kept = [f for f in opts.local_fields + opts.local_many_to_many if f.name not in exclude]
    VERSIONED[model] = Versioned(tuple(follow), tuple(f for f in kept if not is_bookkeeping(f)))


def is_bookkeeping(db_field):
    automatic = getattr(db_field, "auto_now", False) or getattr(db_field, "auto_now_add", False)
    return db_field.primary_key or automatic


def shown_fields(model):
    return VERSIONED[model].shown


@dataclass
class Row:
    model: type
    pk: str
    label: str
    values: dict  # attname -> value; many-to-many fields: a set of primary keys as strings


def values_of(instance):
    values = {}
    for db_field in shown_fields(type(instance)):
        if db_field.many_to_many:
            pks = getattr(instance, db_field.name).values_list("pk", flat=True)
            values[db_field.attname] = {str(pk) for pk in pks}
        else:
            values[db_field.attname] = getattr(instance, db_field.attname)
    return values


def revision_rows(revision):
    """The rows a revision holds, keyed by (model, primary key)."""
    rows = {}
    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model_class()
        if model not in VERSIONED:
            continue
        stored = version.field_dict
        values = {}
        for db_field in shown_fields(model):
            value = stored.get(db_field.attname)
            values[db_field.attname] = {str(pk) for pk in value or ()} if db_field.many_to_many else value
        rows[(model, version.object_id)] = Row(model, version.object_id, version.object_repr, values)
    return rows


def current_rows(instance):
    """The rows of `instance`'s graph as they are now, keyed like `revision_rows`."""
    rows = {}

    def visit(row):
        key = (type(row), str(row.pk))
        if key in rows or type(row) not in VERSIONED:
            return
        rows[key] = Row(type(row), str(row.pk), str(row), values_of(row))
        for name in VERSIONED[type(row)].follow:
            related = getattr(row, name, None)
            if isinstance(related, models.Manager):
                for item in related.all():
                    visit(item)
            elif related is not None:
                visit(related)

    visit(instance)
    return rows


@dataclass
class FieldChange:
    label: str
    before: str
    after: str
    # For texts and lists: ("equal" | "delete" | "insert", text) pieces, shown inline.
    pieces: list = field(default_factory=list)


@dataclass
class RowChange:
    kind: str  # "added", "removed" or "changed"
    model: type
    label: str
    fields: list

    @property
    def model_label(self):
        return capfirst(self.model._meta.verbose_name)

    @property
    def kind_label(self):
        return {"added": _("ajout"), "removed": _("suppression"), "changed": _("modification")}[self.kind]


def compare(before, after, root=None):
    """What changed from the rows `before` to the rows `after` (either may be empty).

    The `root` row, a (model, pk) key, comes first; then the others by model and label.
    """
    labels = Labels()
    changes = []
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        kind = "changed" if old and new else "added" if new else "removed"
        fields = []
        for db_field in shown_fields(key[0]) if new else ():
            old_value = old.values.get(db_field.attname) if old else None
            new_value = new.values.get(db_field.attname)
            if old_value == new_value or blank(old_value) and blank(new_value):
                continue
            fields.append((db_field, old_value, new_value))
            labels.want(db_field, old_value, new_value)
        if kind == "changed" and not fields:
            continue
        change = RowChange(kind, key[0], (new or old).label, fields)
        changes.append((key != root, change.model_label, change.label, change))
    labels.fetch()
    changes.sort(key=lambda item: item[:3])
    for *_order, change in changes:
        change.fields = [labels.field_change(*values) for values in change.fields]
    return [change for *_order, change in changes]


def blank(value):
    return value is None or value == "" or value == set()


class Labels:
    """How values read: choices by their label, related rows by their name (one query per model)."""

    def __init__(self):
        self.wanted = {}  # related model -> primary keys
        self.found = {}  # related model -> {pk as string: label}

    def want(self, db_field, *values):
        if not db_field.is_relation:
            return
        pks = self.wanted.setdefault(db_field.related_model, set())
        for value in values:
            if db_field.many_to_many:
                pks.update(value or ())
            elif value is not None:
                pks.add(str(value))

    def fetch(self):
        for model, pks in self.wanted.items():
            rows = model._base_manager.filter(pk__in=pks)
            self.found[model] = {str(row.pk): str(row) for row in rows}

    def name(self, model, pk):
        return self.found.get(model, {}).get(str(pk)) or _("n° %(pk)s (supprimé)") % {"pk": pk}

    def field_change(self, db_field, before, after):
        label = capfirst(db_field.verbose_name)
        if db_field.many_to_many:
            old = {self.name(db_field.related_model, pk) for pk in before or ()}
            new = {self.name(db_field.related_model, pk) for pk in after or ()}
            pieces = []
            for name in sorted(old | new):
                kind = "equal" if name in old and name in new else "delete" if name in old else "insert"
                pieces += [(kind, name), ("equal", ", ")]
            return FieldChange(label, ", ".join(sorted(old)), ", ".join(sorted(new)), pieces[:-1])
        old, new = self.show(db_field, before), self.show(db_field, after)
        if isinstance(db_field, models.TextField) and not db_field.choices:
            return FieldChange(label, old, new, word_diff(before or "", after or ""))
        return FieldChange(label, old, new)

    def show(self, db_field, value):
        if blank(value):
            return "—"
        if db_field.is_relation:
            return self.name(db_field.related_model, value)
        if db_field.choices:
            return str(dict(db_field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("oui") if value else _("non")
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return formats.date_format(value, "DATE_FORMAT")
        return str(value)


WORDS = re.compile(r"(\s+)")


def word_diff(before, after):
    """Word by word, the pieces kept, deleted and inserted from `before` to `after`.

    A change spanning several words reads as one deletion then one insertion (the spaces kept
    between its words do not cut it up); a text rewritten from end to end, as all of one then
    all of the other.
    """
    old, new = WORDS.split(before), WORDS.split(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < 0.5:
        return [piece for piece in (("delete", before), ("insert", after)) if piece[1]]
    pieces, deleted, inserted = [], [], []
    opcodes = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        kept = "".join(old[i1:i2])
        between_changes = 0 < index < len(opcodes) - 1 and not kept.strip()
        if op == "equal" and not between_changes:
            pieces += [("delete", "".join(deleted)), ("insert", "".join(inserted)), ("equal", kept)]
            deleted, inserted = [], []
        else:
            deleted += old[i1:i2]
            inserted += new[j1:j2]
    pieces += [("delete", "".join(deleted)), ("insert", "".join(inserted))]
    return [(kind, text) for kind, text in pieces if text]


def record_version(instance, comment, user=None, date=None):
    """Save `instance`'s graph as it is now in a revision of its own; return that revision.

    Run in a fresh context, so that it is saved at once even inside another revision's block
    (the admin's list view wraps its actions in one, which would be saved after a deletion and
    keep nothing of the deleted rows).
    """
    language = translation.get_language()

    def record():
        with translation.override(language), reversion.create_revision():
            reversion.add_to_revision(instance)
            reversion.set_comment(comment)
            reversion.set_user(user)
            if date is not None:
                reversion.set_date_created(date)

    contextvars.Context().run(record)
    return Version.objects.get_for_object(instance).select_related("revision").first().revision


def restored_rows(revision):
    """Unsaved instances holding the rows `revision` restores (as `revert` writes them)."""
    rows = []
    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model_class()
        if model not in VERSIONED:
            continue
        stored = version.field_dict
        concrete = {f.attname: stored[f.attname] for f in model._meta.concrete_fields if f.attname in stored}
        row = model(**concrete)
        row._state.adding = False
        row._state.db = version.db
        rows.append(row)
    return rows


# `revert()` writes rows as loaddata does (raw=True), which the receivers keeping derived data
# (the search index, the page cache) skip. A restore announces them as an ordinary save would:
# pre_save before they are written (a receiver may read what they replace), post_save after.


def before_restore(rows):
    for row in rows:
        pre_save.send(sender=type(row), instance=row, raw=False, using=row._state.db, update_fields=None)


def after_restore(rows):
    for row in rows:
        post_save.send(
            sender=type(row), instance=row, created=False, raw=False, using=row._state.db, update_fields=None
        )
