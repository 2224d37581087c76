"""Back-office URLs of the memoria capability. URL names start with "memoria_"."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
