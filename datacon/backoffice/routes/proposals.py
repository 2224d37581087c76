"""Back-office URLs of the proposals capability. URL names start with "proposals_"."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
