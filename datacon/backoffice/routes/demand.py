"""Back-office URLs of the demand capability. URL names start with "demand_"."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
