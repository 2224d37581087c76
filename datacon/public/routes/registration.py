"""Public URLs of the registration capability. URL names start with "registration_" to stay unique in the namespace."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
