"""`manage.py seed` (run by `make run` at every start) never overwrites what staff entered."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from cooperation.models import Body, DelegationMember
from core.models import Publication

pytestmark = pytest.mark.usefixtures("seed")

ARTICLE = "namur-et-hue-signent-un-protocole-de-cooperation-2024-2029"


def seed(*args):
    out = StringIO()
    call_command("seed", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def edited():
    Article.objects.filter(slug=ARTICLE).update(title="Titre revu", publication=Publication.DRAFT)
    Body.objects.filter(slug="hue").update(name="Hué (Thừa Thiên Huế)")


def test_seeding_again_keeps_staff_edits(edited):
    out = seed()

    article = Article.objects.get(slug=ARTICLE)
    assert (article.title, article.publication) == ("Titre revu", Publication.DRAFT)
    assert Body.objects.get(slug="hue").name == "Hué (Thừa Thiên Huế)"
    assert "115 seed rows already present, left as they are (2 of them edited since); 0 added." in out
    assert "--overwrite" in out


def test_overwrite_puts_the_seed_back_and_says_what_it_undid(edited):
    out = seed("--overwrite")

    article = Article.objects.get(slug=ARTICLE)
    assert article.title.startswith("Namur et Hué") and article.publication == Publication.PUBLISHED
    assert Body.objects.get(slug="hue").name == "Ville de Hué"
    assert "115 seed rows overwritten with the seed (2 had been edited: " in out
    assert "acteur « Hué (Thừa Thiên Huế) »" in out and "article « Titre revu »" in out


def test_a_deleted_seed_row_stays_deleted_unless_asked_for():
    DelegationMember.objects.all().delete()

    out = seed()
    assert not DelegationMember.objects.exists()
    assert "1 seed row missing (deleted, or new in the fixtures): `manage.py seed --add-missing`" in out

    out = seed("--add-missing")
    assert DelegationMember.objects.count() == 1
    assert "114 seed rows already present, left as they are; 1 added." in out


def test_add_missing_leaves_present_rows_as_edited(edited):
    seed("--add-missing")
    assert Body.objects.get(slug="hue").name == "Hué (Thừa Thiên Huế)"
