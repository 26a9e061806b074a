"""Revisions in the admin: nothing recorded for a save that changes nothing; who changed what and
when, compared field by field; one version restored, with the search index and page cache."""

import io

import pytest
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.core.management import call_command
from reversion.models import Revision, Version

from articles.models import Article
from cooperation.models import Agreement, Body, Delegation, Partnership, Person
from core import search
from core.forms import MultilineField
from core.pagecache import VERSION_KEY
from tests.admin_urls import admin_url
from tests.browser_forms import admin_form_data
from tests.conftest import requires_postgres
from tests.factories import make_body

pytestmark = pytest.mark.django_db

ARTICLE = "namur-et-hue-signent-un-protocole-de-cooperation-2024-2029"


def save_unchanged(client, obj):
    """Post the change form back as a browser would, without touching it."""
    url = admin_url(type(obj), "change", obj.pk)
    data = admin_form_data(client, url)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return data


def edit(client, obj, **changes):
    url = admin_url(type(obj), "change", obj.pk)
    data = admin_form_data(client, url) | {name: [value] for name, value in changes.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return data


def party_forms(client, partnership):
    data = admin_form_data(client, admin_url(Partnership, "change", partnership.pk))
    return int(data["parties-TOTAL_FORMS"][0])


def versions(obj):
    return Version.objects.get_for_object(obj).select_related("revision").order_by("pk")


def test_the_browser_sends_crlf_line_breaks_and_the_article_text_has_several_lines(staff_client, seed):
    article = Article.objects.get(slug=ARTICLE)
    data = admin_form_data(staff_client, admin_url(Article, "change", article.pk))
    assert "\r\n" in data["text"][0]  # what made every save report « Modification de Texte »


@pytest.mark.parametrize(
    ("model", "slug"),
    [
        (Article, ARTICLE),
        (Partnership, "hue-namur"),
        (Agreement, "hue-namur-protocole-2024-2029"),  # multi-line aims
        (Delegation, "hanoi-vientiane-2024-09"),  # a meeting's multi-line summary, in an inline
    ],
)
def test_a_save_that_changes_nothing_records_nothing(staff_client, seed, model, slug):
    obj = model.objects.get(slug=slug)
    stored = model.objects.filter(pk=obj.pk).values().get()
    save_unchanged(staff_client, obj)
    save_unchanged(staff_client, obj)  # and again, once it has been through the admin
    assert not LogEntry.objects.exists()
    assert not Revision.objects.exists()
    assert model.objects.filter(pk=obj.pk).values().get() == stored  # not even updated_at


def test_a_partnership_saved_unchanged_with_its_inlines_and_tags_records_nothing(staff_client, seed):
    partnership = Partnership.objects.get(slug="hue-namur")
    partnership.tags.add("patrimoine")
    data = save_unchanged(staff_client, partnership)
    assert data["parties-TOTAL_FORMS"] != ["0"] and data["agreements-TOTAL_FORMS"] != ["0"]
    assert not LogEntry.objects.exists() and not Revision.objects.exists()


def test_multiline_field_stores_plain_line_breaks_and_sees_no_change_in_them():
    field = MultilineField()
    assert field.clean("Échanger\r\nSe rencontrer") == "Échanger\nSe rencontrer"
    assert not field.has_changed("Échanger\nSe rencontrer\n", "Échanger\r\nSe rencontrer")
    assert field.has_changed("Échanger", "Échanger\r\nSe rencontrer")


def test_first_edit_of_a_seeded_row_keeps_the_state_before_it_then_the_edit(staff_client, staff, seed):
    article = Article.objects.get(slug=ARTICLE)
    old_title = article.title
    edit(staff_client, article, title="Namur et Hué renouvellent leur protocole")
    before, after = versions(article)
    assert before.revision.user is None and before.field_dict["title"] == old_title
    assert after.revision.user == staff and after.field_dict["title"].startswith("Namur et Hué renouvellent")
    assert LogEntry.objects.get().get_change_message() == "Modification de Titre."
    assert after.revision.get_comment() == "Modification de Titre."
    # Only an actual change is kept: the text, posted with its CRLF line breaks, was not one.
    assert "\r" not in Article.objects.get(pk=article.pk).text


def test_an_edit_of_a_partnerships_inline_is_in_the_partnerships_history(staff_client, seed):
    partnership = Partnership.objects.get(slug="hue-namur")
    newcomer = make_body("Ville de Liège")
    total = party_forms(staff_client, partnership)
    edit(staff_client, partnership, **{f"parties-{total - 1}-body": str(newcomer.pk)})
    assert newcomer in partnership.bodies.all()
    latest = versions(partnership).last()
    assert latest.revision.user is not None
    party_versions = latest.revision.version_set.filter(content_type__model="party")
    assert any(version.field_dict["body_id"] == newcomer.pk for version in party_versions)


def test_the_comparison_reads_field_by_field_with_labels_and_escapes_what_was_typed(staff_client, seed):
    partnership = Partnership.objects.get(slug="hue-namur")
    old_name = partnership.name
    edit(staff_client, partnership, name="Hué – Namur <b>renouvelé</b>", kind="twinning", summary="Résumé.")
    version = versions(partnership).last()
    compare = admin_url(Partnership, "compare", partnership.pk, version.pk)

    response = staff_client.get(compare)
    assert response.status_code == 200
    html = response.text
    assert "Nom" in html and old_name in html
    assert "&lt;b&gt;renouvelé&lt;/b&gt;" in html and "<b>renouvelé" not in html
    assert "jumelage" in html  # the choice's label, not "twinning"
    assert "<ins>Résumé.</ins>" in html

    # Against the current state: nothing has changed since.
    assert "Aucune différence." in staff_client.get(compare, {"against": "current"}).text
    assert staff_client.get(compare, {"against": "hier"}).status_code == 400
    assert staff_client.get(admin_url(Partnership, "compare", partnership.pk, 999999)).status_code == 404


def test_history_lists_who_changed_what_with_links_to_compare_and_restore(staff_client, seed):
    person = Person.objects.get(slug="maxime-prevot")
    edit(staff_client, person, honorific="Mme")
    response = staff_client.get(admin_url(Person, "history", person.pk))
    version = versions(person).last()
    assert "redaction" in response.text and "Modification de Civilité" in response.text
    assert admin_url(Person, "compare", person.pk, version.pk) in response.text
    assert admin_url(Person, "revision", person.pk, version.pk) in response.text


def restore(client, obj, version):
    url = admin_url(type(obj), "revision", obj.pk, version.pk)
    response = client.post(url, admin_form_data(client, url))
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors


def test_restoring_a_version_restores_the_whole_partnership_and_its_search_texts(
    staff_client, seed, django_capture_on_commit_callbacks
):
    partnership = Partnership.objects.get(slug="hue-namur")
    bodies = set(partnership.bodies.all())
    total = party_forms(staff_client, partnership)
    newcomer = make_body("Ville de Liège")
    edit(staff_client, partnership, name="Nom changé", **{f"parties-{total - 1}-body": str(newcomer.pk)})
    assert "Liège" in Partnership.objects.get(pk=partnership.pk).search_a
    initial = versions(partnership).first()

    cache.set(VERSION_KEY, 1, None)
    with django_capture_on_commit_callbacks(execute=True):
        restore(staff_client, partnership, initial)

    restored = Partnership.objects.get(pk=partnership.pk)
    assert restored.name == "Hué – Namur"
    assert set(restored.bodies.all()) == bodies
    assert "Liège" not in restored.search_a and "Hué – Namur" in restored.search_a
    assert restored.current_status == Partnership.Status.ACTIVE and restored.active_until is not None
    assert cache.get(VERSION_KEY) != 1  # every cached page dropped
    entry = LogEntry.objects.order_by("pk").last()
    assert entry.get_change_message().startswith("Version du ") and entry.user.username == "redaction"
    assert versions(partnership).count() == 3  # the initial state, the edit, the restore


def test_restoring_an_agreement_moved_to_another_partnership_refreshes_both(staff_client, seed):
    agreement = Agreement.objects.get(slug="hue-namur-protocole-2024-2029")
    home, other = agreement.partnership, Partnership.objects.get(slug="hanoi-vientiane")
    edit(staff_client, agreement, partnership=str(other.pk))
    assert agreement.title in Partnership.objects.get(pk=other.pk).search_b
    restore(staff_client, agreement, versions(agreement).first())
    assert Agreement.objects.get(pk=agreement.pk).partnership == home
    assert agreement.title not in Partnership.objects.get(pk=other.pk).search_b
    assert agreement.title in Partnership.objects.get(pk=home.pk).search_b


@requires_postgres
def test_a_restored_article_is_found_by_its_restored_title(staff_client, seed):
    article = Article.objects.get(slug=ARTICLE)
    edit(staff_client, article, title="Titre provisoire")
    restore(staff_client, article, versions(article).first())
    found = Article.objects.filter(pk=article.pk)
    assert search.full_text(found, "protocole", Article.SEARCH_WEIGHTS).exists()
    assert not search.full_text(found, "provisoire", Article.SEARCH_WEIGHTS).exists()


def test_a_deleted_row_can_be_recovered_even_if_it_never_had_a_version(staff_client, seed):
    body = make_body("Ville de Tournai")
    response = staff_client.post(admin_url(Body, "delete", body.pk), {"post": "yes"})
    assert response.status_code == 302 and not Body.objects.filter(pk=body.pk).exists()
    deleted = Version.objects.get_deleted(Body).get()
    assert staff_client.get(admin_url(Body, "recoverlist")).status_code == 200

    url = admin_url(Body, "recover", deleted.pk)
    assert staff_client.post(url, admin_form_data(staff_client, url)).status_code == 302
    assert Body.objects.get(pk=body.pk).name == "Ville de Tournai"


def test_rows_deleted_together_from_the_list_can_each_be_recovered(staff_client, seed):
    bodies = [make_body("Ville de Mons"), make_body("Ville de Dinant")]
    data = {"action": "delete_selected", "_selected_action": [body.pk for body in bodies], "post": "yes"}
    assert staff_client.post(admin_url(Body, "changelist"), data).status_code == 302
    assert not Body.objects.filter(pk__in=[body.pk for body in bodies]).exists()
    recoverable = Version.objects.get_deleted(Body)
    assert sorted(recoverable.values_list("object_repr", flat=True)) == ["Ville de Dinant", "Ville de Mons"]


def test_seed_and_generator_record_no_revision(db):
    call_command("seed", verbosity=0)
    call_command(
        "generate_atlas", partnerships=20, articles=20, seed=1, jobs=1, force=True, stdout=io.StringIO()
    )
    assert Partnership.objects.count() > 20
    assert not Revision.objects.exists()
