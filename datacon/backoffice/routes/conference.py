"""Back-office URLs of the conference core (the records themselves are in the admin)."""

from django.urls import path

from datacon.backoffice.views import home

urlpatterns = [
    path("", home.home, name="home"),
]
