"""Names in generated sentences: the article a name takes (« le Congrès », « l'Assemblée générale »,
« Lausanne »), and the French contractions and elisions once the sentence is written (« de le » →
« du », « à les » → « aux », « de Abidjan » → « d'Abidjan »).

A sentence stays one translatable string: the template writes « lors de %(event)s » with the event's
name preceded by its article (`name_with_article`), and `contract` fixes the French afterwards. In
English the article is « the » when the French name takes one (« at the Congrès de l'AIMF »), none
for a proper name (« in Lausanne »).
"""

import re

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Article(models.TextChoices):
    GUESS = "", _("d'après le premier mot du nom")
    NONE = "-", _("aucun (nom propre : Hanoï, Lausanne)")
    LE = "le", "le (le Congrès, le Ministère)"
    LA = "la", "la (la Ville de Hué)"
    ELIDED = "l'", "l' (l'Assemblée, l'Association)"
    LES = "les", "les (les Assises)"


ARTICLE_HELP = _(
    "L'article du nom dans une phrase : « lors du Congrès », « de l'Assemblée générale », « à Lausanne »."
)

# The article of a name from its first word, for rows whose article nobody chose.
ARTICLE_OF_FIRST_WORD = {
    **dict.fromkeys(
        "ministère conseil comité congrès forum sommet gouvernement département district parti "
        "programme réseau syndicat fonds groupement gouvernorat secrétariat centre bureau "
        "cercle canton".split(),
        Article.LE,
    ),
    **dict.fromkeys(
        "ville commune région province fédération communauté conférence réunion mairie municipalité "
        "métropole préfecture wilaya délégation direction commission coopération table "
        "agglomération chambre fondation plateforme mission".split(),
        Article.LA,
    ),
    **dict.fromkeys(
        "assemblée association agence organisation union ambassade institut université alliance "
        "arrondissement intercommunalité office observatoire école état".split(),
        Article.ELIDED,
    ),
    **dict.fromkeys("assises rencontres journées entretiens états".split(), Article.LES),
}

VOWELS = "aeiouàâäéèêëîïôöùûüœæ"  # not y: « de Yaoundé »


def guess_article(name):
    words = (name or "").split(maxsplit=1)
    first = words[0].lower().rstrip(",") if words else ""
    return ARTICLE_OF_FIRST_WORD.get(first, Article.NONE)


def article_of(article, name):
    """The article stored for a row (`Article`), guessed from the name when none was chosen."""
    return article if article else guess_article(name)


def in_french():
    return (get_language() or "fr").startswith("fr")


def article_prefix(article, name):
    """What comes before the name in the active language: « le », « l' », « the », or nothing."""
    article = article_of(article, name)
    if article == Article.NONE:
        return ""
    if not in_french():
        return "the "
    return article if article == Article.ELIDED else f"{article} "


def name_with_article(name, article=""):
    return f"{article_prefix(article, name)}{name}"


TAGS = r"((?:<[^>]*>)*)"  # markup between the words (a name's link, its lang span), kept as is
CONTRACTIONS = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}
CONTRACTION = re.compile(r"(?<![\w'’])(de|De|à|À) " + TAGS + r"(les?) ")
ELISION = re.compile(r"(?<![\w'’])(de|De) " + TAGS + rf"(?=[{VOWELS}{VOWELS.upper()}])")


def contract(text):
    """French contractions and elisions in a written sentence (its words, not its markup)."""
    if not in_french():
        return text

    def contracted(match):
        preposition, tags, article = match.groups()
        word = CONTRACTIONS[(preposition.lower(), article)]
        if preposition[0].isupper():
            word = word.capitalize()
        return f"{word} {tags}"

    text = CONTRACTION.sub(contracted, text)
    return ELISION.sub(lambda match: f"{match[1][0]}'{match[2]}", text)
