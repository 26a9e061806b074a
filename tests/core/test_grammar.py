"""Names in generated sentences: articles, contractions and elisions (core/grammar.py), and the
template helpers that use them."""

import pytest
from django.template import Context, Template
from django.utils import translation

from core.grammar import Article, article_prefix, contract, guess_article, name_with_article
from tests.factories import make_body, make_event


@pytest.mark.parametrize(
    ("name", "article"),
    [
        ("Ministère de la Décentralisation", Article.LE),
        ("Congrès de l'AIMF", Article.LE),
        ("Ville de Hué", Article.LA),
        ("Réunion des gouverneurs", Article.LA),
        ("Assemblée générale de l'AIMF", Article.ELIDED),
        ("Association internationale des maires francophones", Article.ELIDED),
        ("État de Bahia", Article.ELIDED),
        ("Assises de la coopération décentralisée", Article.LES),
        ("Hanoï", Article.NONE),
        ("Lausanne", Article.NONE),
        ("", Article.NONE),
    ],
)
def test_the_article_is_guessed_from_the_first_word(name, article):
    assert guess_article(name) == article


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("lors de le Congrès de l'AIMF", "lors du Congrès de l'AIMF"),
        ("de le Ministère à le Ministère libyen", "du Ministère au Ministère libyen"),
        ("de les Assises à les Rencontres", "des Assises aux Rencontres"),
        ("De le Ministère", "Du Ministère"),
        ("lors de l'Assemblée générale", "lors de l'Assemblée générale"),
        ("de la Ville de Hué à la Ville de Namur", "de la Ville de Hué à la Ville de Namur"),
        ("de Abidjan à Ouagadougou", "d'Abidjan à Ouagadougou"),
        ("de Hanoï à Vientiane", "de Hanoï à Vientiane"),  # no elision before h
        ("de Yaoundé", "de Yaoundé"),
        ("organisé par le Comité", "organisé par le Comité"),
        ("les villes de Lesotho", "les villes de Lesotho"),  # « le » only as a word
        # The words move, the markup stays where it was.
        ('de <span lang="fr"><a href="/x/">le Ministère</a></span>',
         'du <span lang="fr"><a href="/x/">Ministère</a></span>'),
        ('de <span lang="fr">Abidjan</span>', 'd\'<span lang="fr">Abidjan</span>'),
    ],
)  # fmt: skip
def test_french_contractions_and_elisions(sentence, written):
    assert contract(sentence) == written


def test_english_sentences_are_left_alone():
    with translation.override("en"):
        assert contract("de le Ministère") == "de le Ministère"


def test_the_article_in_each_language():
    assert name_with_article("Congrès de l'AIMF", Article.LE) == "le Congrès de l'AIMF"
    assert name_with_article("Assemblée générale", Article.ELIDED) == "l'Assemblée générale"
    assert name_with_article("Assises", Article.LES) == "les Assises"
    assert name_with_article("Lausanne", Article.NONE) == "Lausanne"
    # Not chosen: guessed from the name.
    assert name_with_article("Ministère libyen homologue") == "le Ministère libyen homologue"
    # A choice wins over the guess (« Forum » is not in the list of first words; « Ville » would be).
    assert name_with_article("Ville-Marie", Article.NONE) == "Ville-Marie"
    with translation.override("en"):
        assert article_prefix(Article.LA, "Ville de Hué") == "the "
        assert article_prefix(Article.NONE, "Lausanne") == ""
        assert article_prefix("", "Congrès de l'AIMF") == "the "


def render(source, **context):
    return Template("{% load grammar i18n %}" + source).render(Context(context))


SENTENCE = (
    "{% name_phrase event as name %}{% blocktranslate asvar s %}lors de {{ name }}{% endblocktranslate %}"
    "{{ s|contract }}"
)


@pytest.mark.django_db
class TestTemplateHelpers:
    def test_a_sentence_with_a_linked_name(self):
        event = make_event("Congrès de l'AIMF", article=Article.LE)
        assert render(SENTENCE, event=event) == (
            f'lors du <span lang="fr"><a href="{event.get_absolute_url()}">Congrès de l&#x27;AIMF</a></span>'
        )
        event = make_event("Assemblée générale de l'AIMF", article=Article.ELIDED)
        assert render(SENTENCE, event=event).startswith('lors de l\'<span lang="fr"><a ')

    def test_an_unpublished_row_is_named_without_a_link(self):
        body = make_body("Ministère de l'Intérieur", publication="draft")
        assert render("{% name_phrase body %}", body=body) == (
            'le <span lang="fr">Ministère de l&#x27;Intérieur</span>'
        )
        assert "<a " not in render("{% name_phrase body link=False %}", body=make_body("Hanoï"))

    def test_names_are_escaped(self):
        body = make_body("<script>x</script>", article=Article.NONE)
        assert "<script>" not in render("{% name_phrase body %}", body=body)

    def test_enumeration(self):
        assert render("{{ items|enumeration }}", items=[]) == ""
        assert render("{{ items|enumeration }}", items=["Maire"]) == "Maire"
        assert render("{{ items|enumeration }}", items=["Maire", "Député"]) == "Maire et Député"
        assert render("{{ items|enumeration }}", items=["A", "B", "<C>"]) == "A, B et &lt;C&gt;"
        with translation.override("en"):
            assert render("{{ items|enumeration }}", items=["A", "B", "C"]) == "A, B and C"
