"""Public URLs of the proposals capability. URL names start with "proposals_" to stay unique in the namespace."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
