"""Back-office URLs of the opendata capability. URL names start with "opendata_"."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
