"""The small frictions an editor met in the admin (issue 9, part 9)."""

import datetime

import pytest
from django.utils import timezone

from cooperation.models import Agreement, Delegation, Event, Partnership
from core.dates import Precision
from tests.admin_urls import admin_url
from tests.cooperation.test_admin import delegation_form_data, partnership_form_data
from tests.factories import (
    make_agreement,
    make_body,
    make_delegation,
    make_member,
    make_office,
    make_person,
)

pytestmark = pytest.mark.django_db


def post(client, url, data):
    response = client.post(url, data)
    errors = response.context and [response.context["adminform"].errors, response.context["errors"]]
    assert response.status_code == 302, errors
    return response


def add_rows(data, prefix, rows, start=0):
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(total + len(rows))
    for i, row in enumerate(rows, start=total):
        for name, value in row.items():
            data[f"{prefix}-{i}-{name}"] = value
    return data


class TestPositions:
    def test_two_new_members_left_at_order_0_are_numbered_after_the_others(self, staff_client):
        delegation = make_delegation()
        first = make_member(delegation, body=make_body())  # position 1
        people = [make_person(), make_person()]
        data = add_rows(
            delegation_form_data(delegation),
            "members",
            [{"person": person.pk, "position": "0"} for person in people]
            + [{"position": "0"}],  # an extra row left empty stays empty
        )

        post(staff_client, admin_url(Delegation, "change", delegation.pk), data)

        members = list(delegation.members.order_by("position"))
        assert [(m.position, m.person) for m in members] == [(1, None), (2, people[0]), (3, people[1])]
        assert members[0] == first

    def test_new_meetings_with_a_blank_order_are_numbered_in_form_order(self, staff_client):
        delegation = make_delegation()
        bodies = [make_body(), make_body()]
        data = add_rows(
            delegation_form_data(delegation),
            "meetings",
            [{"kind": "meeting", "body": body.pk, "position": ""} for body in bodies],
        )

        post(staff_client, admin_url(Delegation, "change", delegation.pk), data)

        assert list(delegation.meetings.order_by("position").values_list("position", "body")) == [
            (1, bodies[0].pk),
            (2, bodies[1].pk),
        ]

    def test_an_explicit_order_is_kept(self, staff_client):
        delegation = make_delegation()
        data = add_rows(
            delegation_form_data(delegation), "members", [{"body": make_body().pk, "position": "5"}]
        )
        post(staff_client, admin_url(Delegation, "change", delegation.pk), data)
        assert delegation.members.get().position == 5


class TestPartialDates:
    @pytest.mark.parametrize(
        ("typed", "stored", "precision"),
        [
            ("1997", datetime.date(1997, 1, 1), Precision.YEAR),
            ("2024-10", datetime.date(2024, 10, 1), Precision.MONTH),
            ("10/1997", datetime.date(1997, 10, 1), Precision.MONTH),
            ("21/06/2001", datetime.date(2001, 6, 21), Precision.DAY),
        ],
    )
    def test_a_year_or_a_month_sets_the_precision(self, staff_client, typed, stored, precision):
        data = partnership_form_data(
            [make_body(), make_body()],
            started_on=typed,
            started_precision="day",
            **{"agreements-TOTAL_FORMS": "0"},
        )
        post(staff_client, admin_url(Partnership, "add"), data)
        partnership = Partnership.objects.get()
        assert (partnership.started_on, partnership.started_precision) == (stored, precision)

    def test_a_full_date_keeps_the_precision_chosen_beside_it(self, staff_client):
        data = partnership_form_data(
            [make_body(), make_body()], started_on="2001-06-21", started_precision="year"
        )
        post(staff_client, admin_url(Partnership, "add"), data)
        partnership = Partnership.objects.get()
        assert (partnership.started_on, partnership.started_precision) == (datetime.date(2001, 1, 1), "year")
        # The agreement inline has its partial dates too: its end read « 2031 » as 31 December 2031.
        assert partnership.agreements.get().valid_until == datetime.date(2031, 12, 31)

    def test_the_agreement_form_takes_partial_dates_and_shows_them_back(self, staff_client):
        agreement = make_agreement()
        page = staff_client.get(admin_url(Agreement, "change", agreement.pk)).text
        assert 'name="valid_from" value="2024"' in page and 'name="valid_until" value="2029"' in page

    def test_the_event_form_takes_a_month(self, staff_client):
        data = {"name": "Congrès", "slug": "congres", "kind": "congress", "start_on": "05/2024"}
        data.update(start_precision="day", place="", organiser="", end_on="", short_name="", description="")
        data.update(publication="published", publish_at_0="", publish_at_1="")
        post(staff_client, admin_url(Event, "add"), data)
        event = Event.objects.get()
        assert (event.start_on, event.start_precision) == (datetime.date(2024, 5, 1), "month")

    def test_a_new_article_is_dated_today_as_before(self, staff_client):
        form = staff_client.get("/admin/articles/article/add/").context["adminform"].form
        assert form["published_on"].value() == timezone.localdate()

    def test_a_bad_partial_date_is_a_form_error(self, staff_client):
        data = partnership_form_data([make_body(), make_body()], started_on="13/2024")
        response = staff_client.post(admin_url(Partnership, "add"), data)
        assert response.status_code == 200
        assert "un mois (05/2024 ou 2024-05) ou une année (2024)" in response.text


class TestOfficePicker:
    def test_the_picker_lists_only_the_chosen_persons_offices_in_full(self, staff_client):
        bordeaux = make_body("Bordeaux")
        mayor = make_office(
            title="Maire de Bordeaux et président de la Métropole",
            body=bordeaux,
            start_on=datetime.date(2014, 4, 4),
            end_on=datetime.date(2020, 7, 3),
        )
        other = make_office(title="Maire de Dakar")
        delegation = make_delegation(leader=mayor.person, leader_office=mayor)
        make_member(delegation, person=mayor.person, office=mayor)

        page = staff_client.get(admin_url(Delegation, "change", delegation.pk)).text

        label = f"{mayor.person.name} — Maire de Bordeaux et président de la Métropole (Bordeaux, 2014–2020)"
        assert page.count(f'<option value="{mayor.pk}" selected>{label}</option>') == 2
        assert "Maire de Dakar" not in page and f'<option value="{other.pk}"' not in page

    def test_an_office_of_someone_else_is_refused(self, staff_client):
        mayor, other = make_office(), make_office()
        delegation = make_delegation()
        data = delegation_form_data(delegation, leader=mayor.person.pk, leader_office=other.pk)
        response = staff_client.post(admin_url(Delegation, "change", delegation.pk), data)
        assert response.status_code == 200
        assert "Cette fonction n&#x27;est pas une de celles de la personne choisie" in response.text
        delegation.refresh_from_db()
        assert delegation.leader_office is None

    def test_a_new_row_submitted_with_its_persons_office_saves(self, staff_client):
        office = make_office()
        delegation = make_delegation()
        data = add_rows(
            delegation_form_data(delegation), "members", [{"person": office.person.pk, "office": office.pk}]
        )
        post(staff_client, admin_url(Delegation, "change", delegation.pk), data)
        assert delegation.members.get().office == office


class TestDeducedOffices:
    def test_members_and_meetings_get_the_only_office_held_on_the_visit(self, staff_client):
        day = datetime.date(2024, 9, 17)
        held = make_office(start_on=datetime.date(2020, 1, 1))
        make_office(person=held.person, end_on=datetime.date(2019, 12, 31))  # over before the visit
        delegation = make_delegation(start_on=day, end_on=day)
        data = add_rows(delegation_form_data(delegation), "members", [{"person": held.person.pk}])
        add_rows(data, "meetings", [{"kind": "meeting", "person": held.person.pk}])

        post(staff_client, admin_url(Delegation, "change", delegation.pk), data)

        assert delegation.members.get().office == held
        assert list(delegation.meetings.get().offices.all()) == [held]

    def test_two_offices_held_that_day_are_left_for_staff_to_choose(self):
        day = datetime.date(2024, 9, 17)
        office = make_office()
        make_office(person=office.person)
        delegation = make_delegation(start_on=day, end_on=day, leader=office.person)
        member = make_member(delegation, person=office.person)
        assert delegation.leader_office is None and member.office is None
