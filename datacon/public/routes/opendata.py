"""Public URLs of the opendata capability. URL names start with "opendata_" to stay unique in the namespace."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
