import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from cooperation.models import Agreement, Body, Delegation, Office, Partnership, Person, Signatory
from core.dates import Precision
from tests.factories import make_agreement, make_body, make_country, make_partnership
from tests.status import in_force_until, is_in_force, status_on

pytestmark = pytest.mark.django_db


class TestAgreementValidity:
    def test_year_precision_period_spans_whole_years(self):
        agreement = make_agreement(make_partnership(), valid_from=2024, valid_until=2029)
        agreement.refresh_from_db()
        assert agreement.valid_from == datetime.date(2024, 1, 1)
        assert agreement.valid_until == datetime.date(2029, 12, 31)
        assert agreement.period == "2024–2029"

    def test_in_force_until_end_of_2029_then_not(self):
        agreement = make_agreement(make_partnership(), valid_from=2024, valid_until=2029)
        assert is_in_force(agreement, datetime.date(2029, 12, 31))
        assert not is_in_force(agreement, datetime.date(2030, 1, 1))
        assert not is_in_force(agreement, datetime.date(2023, 12, 31))
        assert Agreement.objects.in_force(datetime.date(2026, 6, 1)).get() == agreement
        assert not Agreement.objects.in_force(datetime.date(2030, 1, 1)).exists()

    def test_until_before_from_is_refused_by_the_database(self):
        partnership = make_partnership()
        with pytest.raises(IntegrityError), transaction.atomic():
            Agreement.objects.create(
                partnership=partnership,
                kind=Agreement.Kind.PROTOCOL,
                title="À l'envers",
                slug="a-l-envers",
                valid_from=datetime.date(2029, 1, 1),
                valid_until=datetime.date(2024, 1, 1),
                valid_from_precision=Precision.DAY,
                valid_until_precision=Precision.DAY,
            )

    def test_until_before_from_is_a_clear_validation_error(self):
        agreement = Agreement(
            partnership=make_partnership(),
            kind=Agreement.Kind.PROTOCOL,
            title="À l'envers",
            slug="a-l-envers",
            valid_from=datetime.date(2029, 1, 1),
            valid_until=datetime.date(2024, 1, 1),
        )
        with pytest.raises(ValidationError) as error:
            agreement.full_clean()
        assert "La fin de validité ne peut précéder son début." in str(error.value)

    def test_same_year_with_year_precision_is_valid(self):
        agreement = Agreement(
            partnership=make_partnership(),
            kind=Agreement.Kind.PROTOCOL,
            title="Un an",
            slug="un-an",
            valid_from=datetime.date(2024, 6, 1),
            valid_until=datetime.date(2024, 3, 1),
        )
        agreement.full_clean()  # both mean "2024": not an error


class TestPartnershipStatus:
    def test_active_until_2029_then_ended(self):
        partnership = make_partnership(status=Partnership.Status.DORMANT)
        make_agreement(partnership, valid_from=2024, valid_until=2029)
        assert status_on(partnership, datetime.date(2025, 3, 1)) == Partnership.Status.ACTIVE
        assert in_force_until(partnership, datetime.date(2025, 3, 1)) == datetime.date(2029, 12, 31)
        assert status_on(partnership, datetime.date(2030, 1, 1)) == Partnership.Status.ENDED
        assert in_force_until(partnership, datetime.date(2030, 1, 1)) is None

    def test_without_dated_agreements_staff_status_is_used(self):
        partnership = make_partnership(status=Partnership.Status.DORMANT)
        make_agreement(partnership, valid_from=None, valid_until=None)  # no validity period stated
        assert status_on(partnership, datetime.date(2025, 3, 1)) == Partnership.Status.DORMANT

    def test_undated_agreement_keeps_an_expired_partnership_from_ending(self):
        partnership = make_partnership(status=Partnership.Status.ACTIVE)
        make_agreement(partnership, valid_from=2010, valid_until=2015)
        make_agreement(partnership, valid_from=None, valid_until=None)  # open-ended: we cannot say it ended
        assert status_on(partnership, datetime.date(2025, 3, 1)) == Partnership.Status.ACTIVE

    def test_in_force_in_year(self):
        partnership = make_partnership()
        make_agreement(partnership, valid_from=2024, valid_until=2029)
        make_partnership()
        assert list(Partnership.objects.in_force_in(2029)) == [partnership]
        assert not Partnership.objects.in_force_in(2030).exists()
        assert not Partnership.objects.in_force_in(2023).exists()

    def test_started_in_a_year_alone(self):
        partnership = make_partnership(
            started_on=datetime.date(2010, 7, 14), started_precision=Precision.YEAR
        )
        partnership.refresh_from_db()
        assert partnership.started == "2010"
        assert partnership.started_on == datetime.date(2010, 1, 1)

    def test_a_body_cannot_be_party_twice(self):
        hue = make_body("Hué")
        partnership = make_partnership(hue, make_body("Namur"))
        with pytest.raises(IntegrityError), transaction.atomic():
            partnership.parties.create(body=hue)


class TestOfficesOverTime:
    def test_signatory_keeps_the_office_held_at_signing(self):
        namur = make_body("Namur")
        person = Person.objects.create(name="Maxime Prévot", slug="maxime-prevot")
        mayor = Office.objects.create(
            person=person,
            body=namur,
            title="Député-Bourgmestre de Namur",
            start_on=datetime.date(2006, 12, 4),
            end_on=datetime.date(2024, 12, 1),
        )
        partnership = make_partnership(namur, make_body("Hué"))
        agreement = make_agreement(
            partnership,
            valid_from=None,
            valid_until=None,
            signed_on=datetime.date(2024, 5, 24),
            signed_precision=Precision.DAY,
        )
        signatory = Signatory.objects.create(agreement=agreement, person=person, on_behalf_of=namur)
        assert signatory.office == mayor
        # He later changes office: the signature still shows the office held at the time.
        Office.objects.create(
            person=person,
            body=make_body("Gouvernement fédéral", kind=Body.Kind.MINISTRY),
            title="Ministre des Affaires étrangères",
            start_on=datetime.date(2025, 2, 3),
        )
        signatory.refresh_from_db()
        assert signatory.office.title == "Député-Bourgmestre de Namur"
        assert list(person.offices_on(datetime.date(2025, 6, 1)).values_list("title", flat=True)) == [
            "Ministre des Affaires étrangères"
        ]

    def test_office_of_another_person_is_refused(self):
        body = make_body()
        someone = Person.objects.create(name="A", slug="a")
        other = Person.objects.create(name="B", slug="b")
        office = Office.objects.create(person=other, body=body, title="Maire")
        agreement = make_agreement(make_partnership(), valid_from=None, valid_until=None)
        signatory = Signatory(agreement=agreement, person=someone, office=office, on_behalf_of=body)
        with pytest.raises(ValidationError) as error:
            signatory.full_clean()
        assert "n'est pas celle de la personne choisie" in str(error.value)


class TestDelegation:
    def make(self, **fields):
        return Delegation(
            title="Visite",
            slug="visite",
            kind=Delegation.Kind.WORKING_VISIT,
            sending_body=make_body("Hanoï"),
            host_body=make_body("Vientiane"),
            **fields,
        )

    def test_end_before_start_is_a_clear_error(self):
        delegation = self.make(start_on=datetime.date(2024, 9, 19), end_on=datetime.date(2024, 9, 17))
        with pytest.raises(ValidationError) as error:
            delegation.full_clean()
        assert "La date de fin de la visite ne peut précéder sa date de début." in str(error.value)

    def test_end_before_start_is_refused_by_the_database(self):
        delegation = self.make(start_on=datetime.date(2024, 9, 19), end_on=datetime.date(2024, 9, 17))
        with pytest.raises(IntegrityError), transaction.atomic():
            delegation.save()

    def test_dates_and_duration_in_french(self):
        delegation = self.make(start_on=datetime.date(2024, 11, 16), end_on=datetime.date(2024, 11, 20))
        delegation.save()
        with translation.override("fr"):
            assert delegation.dates == "du 16 novembre 2024 au 20 novembre 2024"
        assert delegation.duration_days == 5


class TestBody:
    def test_unique_slug_is_a_clear_error(self):
        make_body("Hué").__class__.objects.filter(name="Hué").update(slug="hue")
        duplicate = Body(name="Hué bis", slug="hue", kind=Body.Kind.MUNICIPALITY, country=make_country())
        with pytest.raises(ValidationError) as error:
            duplicate.full_clean()
        assert "slug" in error.value.message_dict

    def test_wikidata_id_must_be_a_q_number(self):
        body = Body(name="Namur", slug="namur", kind=Body.Kind.MUNICIPALITY, wikidata_id="namur")
        with pytest.raises(ValidationError) as error:
            body.full_clean()
        assert "wikidata_id" in error.value.message_dict

    def test_latitude_without_longitude_is_refused(self):
        body = Body(name="Namur", slug="namur", kind=Body.Kind.MUNICIPALITY, latitude=Decimal("50.46"))
        with pytest.raises(ValidationError) as error:
            body.full_clean()
        assert "Indiquez la latitude et la longitude" in str(error.value)


def test_a_renewed_undated_agreement_does_not_keep_the_partnership_open():
    partnership = make_partnership(status=Partnership.Status.ACTIVE)
    # Undated, like the 2010 Hué–Namur agreement.
    first = make_agreement(partnership, valid_from=None, valid_until=None)
    make_agreement(partnership, valid_from=2024, valid_until=2029, renews=first)
    assert status_on(partnership, datetime.date(2026, 1, 1)) == Partnership.Status.ACTIVE
    assert status_on(partnership, datetime.date(2030, 1, 1)) == Partnership.Status.ENDED
