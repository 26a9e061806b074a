from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("partenariats/", views.PartnershipListView.as_view(), name="partnership-list"),
    path("partenariats/<slug:slug>/", views.PartnershipDetailView.as_view(), name="partnership-detail"),
    path("accords/<slug:slug>/", views.AgreementDetailView.as_view(), name="agreement-detail"),
    path("delegations/", views.DelegationListView.as_view(), name="delegation-list"),
    path("delegations/<slug:slug>/", views.DelegationDetailView.as_view(), name="delegation-detail"),
    path("acteurs/<slug:slug>/", views.BodyDetailView.as_view(), name="body-detail"),
    path("pays/<slug:slug>/", views.CountryDetailView.as_view(), name="country-detail"),
    path("domaines/<slug:slug>/", views.DomainDetailView.as_view(), name="domain-detail"),
    path("personnes/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("evenements/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("recherche/", views.SearchView.as_view(), name="search"),
    path("donnees/", views.OpenDataView.as_view(), name="open-data"),
    path(
        "donnees/partenariats.csv",
        views.PartnershipExportView.as_view(format="csv"),
        name="partnerships-csv",
    ),
    path(
        "donnees/partenariats.json",
        views.PartnershipExportView.as_view(format="json"),
        name="partnerships-json",
    ),
    path("donnees/acteurs.geojson", views.BodyGeoJSONView.as_view(), name="bodies-geojson"),
    path("donnees/partenaires.geojson", views.PartnersGeoJSONView.as_view(), name="partners-geojson"),
    path("carte/", views.MapView.as_view(), name="map"),
]
