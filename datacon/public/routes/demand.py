"""Public URLs of the demand capability. URL names start with "demand_" to stay unique in the namespace."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
