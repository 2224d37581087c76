"""Back-office URLs of the consultation capability. URL names start with "consultation_"."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
