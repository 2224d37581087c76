"""Back-office URLs of the policy capability. URL names start with "policy_"."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
