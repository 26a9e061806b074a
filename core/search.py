"""Full-text search: PostgreSQL's French search when available, folded substring matching otherwise.

On PostgreSQL each searchable table stores a weighted `search_vector` (GIN-indexed, built with the
`french_unaccent` configuration of migration cooperation 0002). SQLite gets a Python `UNACCENT`
function (registered in apps.py) so that « hue » matches « Hué » there too.
"""

import functools
import html
import re
import unicodedata

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connections
from django.db.models import BooleanField, Case, F, FloatField, Func, IntegerField, Q, TextField, Value, When
from django.db.models.lookups import Contains
from django.utils.html import escape
from django.utils.safestring import mark_safe

CONFIG = "french_unaccent"
QUERY_MAX_LENGTH = 200
# A typo fallback needs a few letters: « de » is similar to nearly everything.
TRIGRAM_MIN_LENGTH = 4
RANK_CANDIDATES = 1000
# Private-use characters mark matches in headlines until the text around them is escaped.
MARK_START, MARK_STOP = "\ue000", "\ue001"
LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l"}
)
SQLITE_WEIGHTS = {"A": 8, "B": 4, "C": 2, "D": 1}


def fold(text):
    """Lower case without accents: « Hanoï » -> « hanoi », « cœur » -> « coeur »."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def sqlite_unaccent(value):
    return None if value is None else fold(str(value))


# Names sort as a reader expects, accents and case aside (« Hanoï », « Hô Chi Minh-Ville », « Hué »):
# an ICU root collation on PostgreSQL (created by cooperation.0007), one of the same name on SQLite
# (registered by core/apps.py).
NAME_COLLATION = "name_order"


@functools.lru_cache(maxsize=100_000)  # SQLite's collation asks for it at every comparison
def name_key(text):
    """Sort key of a name, in Python, near enough to NAME_COLLATION's order: accents and case
    aside, punctuation before letters and digits (ties: by code point)."""
    return (re.sub(r"[\W_]+", " ", fold(text)), text)


def sqlite_name_collation(left, right):
    left, right = name_key(left), name_key(right)
    return (left > right) - (left < right)


def query_words(q):
    """Folded words of a query, less a French plural's final s or x (« protocoles » -> « protocole »)."""
    words = []
    for word in re.findall(r"\w+", fold(q)):
        if len(word) > 3 and word[-1] in "sx":
            word = word[:-1]
        if len(word) > 1 and word not in words:
            words.append(word)
    return words


def on_postgres(queryset):
    return connections[queryset.db].vendor == "postgresql"


def vector(weights):
    """The weighted search vector of columns, e.g. {"A": "title", "B": "standfirst"}."""
    parts = [SearchVector(field, weight=weight, config=CONFIG) for weight, field in weights.items()]
    combined = parts[0]
    for part in parts[1:]:
        combined = combined + part
    return combined


def full_text(queryset, q, weights, *, headline=None, typo_field=None):
    """Rows matching `q`, annotated with `rank` and `similarity` (and `headline` on PostgreSQL).

    `weights` names the columns the stored `search_vector` is built from; on SQLite every word
    must appear, folded, in one of them. `typo_field` (a folded text column with a trigram index)
    enables the typo fallback: when no row matches the words at all, rows whose `typo_field` holds
    a word similar to the query match instead. That is decided once, by its own cheap query, so
    the page, its count and its facets all run on one plain indexed condition.

    Only `RANK_CANDIDATES` matching rows are ranked (every one when there are fewer); the others
    follow with a rank of 0. Ranking all the rows that hold a common word is what costs.
    """
    if on_postgres(queryset):
        query = websearch(q)
        matches = words_matching(queryset, q)
        folded = fold(q).strip()
        candidates = rank_candidates(queryset, q, typo_field)
        if candidates is None:
            similarity = TrigramWordSimilarity(folded, F(typo_field))
            matches = Q(**{f"{typo_field}__trigram_word_similar": folded})
            queryset = queryset.annotate(similarity=similarity, rank=Value(0.0, output_field=FloatField()))
        else:
            rank = Case(
                When(pk__in=candidates, then=SearchRank(F("search_vector"), query)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            queryset = queryset.annotate(rank=rank, similarity=Value(0.0, output_field=FloatField()))
        if headline is not None:
            queryset = queryset.annotate(
                headline=SearchHeadline(
                    headline,
                    query,
                    config=CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                    min_words=20,
                    max_words=40,
                )
            )
        return queryset.filter(matches)

    words = query_words(q)
    rank = Value(0, output_field=IntegerField())
    if not words:
        return queryset.annotate(rank=rank, similarity=Value(0.0, output_field=FloatField())).none()
    matches = Q()
    for word in words:
        found = {weight: Q(**{f"{field}__unaccent__icontains": word}) for weight, field in weights.items()}
        any_field = Q()
        for condition in found.values():
            any_field |= condition
        matches &= any_field
        rank = rank + Case(
            *(When(condition, then=SQLITE_WEIGHTS[weight]) for weight, condition in found.items()),
            default=0,
            output_field=IntegerField(),
        )
    return queryset.filter(matches).annotate(rank=rank, similarity=Value(0.0, output_field=FloatField()))


def rank_candidates(queryset, q, typo_field=None):
    """The keys of the rows `full_text` ranks on PostgreSQL (a subquery: the first
    `RANK_CANDIDATES` matches of `queryset`, in its order), or None when nothing matches the words
    and the typo fallback applies, or on SQLite (every match ranked).

    Among the rows of `queryset` (published ones, on public pages), so that the first matches in
    its order come from its partial index (newest articles, names): for a common word that reads
    about 1,000 rows (10 ms at 100,000 articles), where the same query over every row, drafts
    included, read all 80,000 matches and sorted them (110 ms)."""
    if not on_postgres(queryset):
        return None
    matches = words_matching(queryset, q)
    folded = fold(q).strip()
    if typo_field and len(folded) >= TRIGRAM_MIN_LENGTH and not queryset.filter(matches).exists():
        return None
    return queryset.filter(matches).values("pk")[:RANK_CANDIDATES]


# What may make a phrase of a query: quotes, or words joined by a hyphen or an apostrophe.
MAY_HOLD_PHRASE = re.compile(r"[^\w\s]")


def websearch(q):
    """PostgreSQL: `q` as a query in the websearch syntax (quotes, « or », « - »)."""
    return SearchQuery(q, search_type="websearch", config=CONFIG)


def words_matching(queryset, q):
    """PostgreSQL: the condition of the rows whose `search_vector` matches the words of `q`,
    through the phrase index where the model has one."""
    if getattr(queryset.model, "SEARCH_PHRASE_INDEX", False) and MAY_HOLD_PHRASE.search(q):
        return Q(PhraseMatch(F("search_vector"), F("search_phrases"), websearch(q)))
    return Q(search_vector=websearch(q))


class PhrasePairs(Func):
    """A search vector with each pair of adjacent words as one more entry (cooperation.0018)."""

    function = "atlas_phrase_pairs"
    output_field = SearchVectorField()


class PhraseMatch(Func):
    """`vector @@ query`, where a two-word phrase is looked up as one entry of `phrases` (the
    vector's PhrasePairs, GIN-indexed) rather than by checking the positions in every vector
    holding both words.

    The query is a constant, so PostgreSQL folds the CASE when it plans: either branch is a plain
    indexed condition, and the same rows match."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        (vector, vector_params), (phrases, phrases_params), (query, query_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        sql = (
            f"CASE WHEN atlas_phrase_query({query}) IS NULL THEN {vector} @@ {query} "
            f"ELSE {phrases} @@ atlas_phrase_query({query}) END"
        )
        return sql, (*query_params, *vector_params, *query_params, *phrases_params, *query_params)


class Folded(Func):
    """PostgreSQL: a text in upper case without accents, by the IMMUTABLE `atlas_fold` function
    (cooperation.0015), which the names' trigram indexes hold."""

    function = "atlas_fold"
    output_field = TextField()


def names_matching(queryset, q, fields):
    """Rows where each folded word of `q` appears in one of `fields` (short names: no ranking).
    On PostgreSQL from the names' trigram indexes (a word in no name: a few index pages, where
    unaccent() on every one of 40,000 names took 85–140 ms)."""
    words = query_words(q)
    if not words:
        return queryset.none()
    folded_names = on_postgres(queryset)
    for word in words:
        condition = Q()
        for field in fields:
            if folded_names:
                condition |= Contains(Folded(F(field)), Folded(Value(word)))
            else:
                condition |= Q(**{f"{field}__unaccent__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def marked(text):
    """Escape `text` (typed by staff) and only then turn the match sentinels into <mark> tags."""
    escaped = escape(text)
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


def highlight(text, q, width=240):
    """An escaped extract of plain `text` around the first word of `q` it holds, matches marked."""
    text = (text or "").replace(MARK_START, "").replace(MARK_STOP, "")
    words = query_words(q)
    folded, origin = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            folded.append(folded_char)
            origin.append(index)
    spans = []
    if words and folded:
        pattern = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))
        spans = [(origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer("".join(folded))]
    start = 0
    if spans and spans[0][0] > width // 3:
        start = text.rfind(" ", 0, spans[0][0] - width // 3) + 1
    end = len(text) if len(text) - start <= width else text.rfind(" ", start, start + width)
    if end <= start:
        end = min(len(text), start + width)
    pieces, position = [], start
    for span_start, span_end in spans:
        if span_start >= position and span_end <= end:
            pieces += [text[position:span_start], MARK_START, text[span_start:span_end], MARK_STOP]
            position = span_end
    pieces.append(text[position:end])
    extract = "".join(pieces).strip()
    return marked(("… " if start else "") + extract + (" …" if end < len(text) else ""))


def attach_snippets(objects, q, text):
    """Give each object a safe `snippet`: PostgreSQL's headline if annotated, else our highlight."""
    for obj in objects:
        headline = getattr(obj, "headline", None)
        if headline is not None:
            obj.snippet = marked(html.unescape(headline))
        else:
            obj.snippet = highlight(text(obj), q)
    return objects
