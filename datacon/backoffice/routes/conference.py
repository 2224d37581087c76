"""Back-office URLs of the conference capability. URL names start with "conference_"."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
