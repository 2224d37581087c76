"""Back-office URLs of the registration capability. URL names start with "registration_"."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
