"""Public URLs of the consultation capability. URL names start with "consultation_" to stay unique in the namespace."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
