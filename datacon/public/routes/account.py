"""The signed-in person's own pages (each capability adds its own under /cuenta/)."""

from django.urls import path

from datacon.public.views import account as views

urlpatterns = [
    path("cuenta/", views.account_home, name="account"),
]
