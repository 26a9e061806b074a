import pytest

from cooperation.models import Agreement, Partnership

pytestmark = pytest.mark.django_db


def found(q):
    return sorted(Partnership.objects.search(q).values_list("slug", flat=True))


def test_moving_an_agreement_updates_both_partnerships_search_texts(seed):
    # Maxime Prévot appears in this partnership's texts only as a signatory of the protocol.
    assert found("prevot") == ["hue-namur"]
    protocol = Agreement.objects.get(slug="hue-namur-protocole-2024-2029")
    protocol.partnership = Partnership.objects.get(slug="hanoi-vientiane")
    protocol.save()
    assert found("prevot") == ["hanoi-vientiane"]


def test_renaming_a_signatory_is_searchable_at_once(seed):
    protocol = Agreement.objects.get(slug="hue-namur-protocole-2024-2029")
    person = protocol.signatories.get(person__slug="maxime-prevot").person
    person.name = "Maxime Prévot-Renommé"
    person.save()
    assert found("renomme") == ["hue-namur"]
