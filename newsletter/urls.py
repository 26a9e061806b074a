from django.urls import path, re_path
from django.views.generic import RedirectView

from . import views

app_name = "newsletter"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="newsletter:subscribe"), name="index"),
    path("inscription/", views.SubscribeView.as_view(), name="subscribe"),
    path("inscription/merci/", views.SubscribeDoneView.as_view(), name="subscribe-done"),
    re_path(
        r"^confirmation/(?P<signed>[-A-Za-z0-9_.:]{1,300})/$", views.ConfirmView.as_view(), name="confirm"
    ),
    path("preferences/<slug:token>/", views.PreferencesView.as_view(), name="preferences"),
    path("preferences/<slug:token>/supprimer/", views.DeleteDataView.as_view(), name="delete-data"),
    path("desinscription/<slug:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("archives/", views.ArchiveView.as_view(), name="archive"),
    path("archives/<int:pk>/", views.ArchiveDetailView.as_view(), name="archive-detail"),
]
