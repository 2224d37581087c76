"""Public URLs of the policy capability. URL names start with "policy_" to stay unique in the namespace."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
