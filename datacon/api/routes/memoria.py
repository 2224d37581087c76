"""API endpoints of the memoria capability: register viewsets on `router`, or add paths to `urlpatterns`."""

from rest_framework.routers import SimpleRouter

router = SimpleRouter(trailing_slash=True)
urlpatterns: list = []
