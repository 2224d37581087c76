"""API endpoints of the opendata capability: register viewsets on `router`, or add paths to `urlpatterns`."""

from rest_framework.routers import SimpleRouter

router = SimpleRouter(trailing_slash=True)
urlpatterns: list = []
