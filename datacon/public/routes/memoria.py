"""Public URLs of the memoria capability. URL names start with "memoria_" to stay unique in the namespace."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
