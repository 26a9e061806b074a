"""The site's URLs plus /__bench__/hello/, the baseline each page is compared with."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("__bench__/hello/", hello, name="bench-hello"), *site_urlpatterns]
