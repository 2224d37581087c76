"""The site's icon: linked by every page, and /favicon.ico answers."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_to_the_svg_icon():
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
    assert "favicon" in response["Location"]


def test_the_icon_is_served_and_linked_by_the_pages():
    client = Client()
    location = client.get("/favicon.ico")["Location"]
    icon = client.get(location)
    assert icon.status_code == 200
    content = b"".join(icon.streaming_content) if icon.streaming else icon.content
    assert content.startswith(b"<svg")
    html = client.get("/").content.decode()
    assert f'<link rel="icon" href="{location}" type="image/svg+xml">' in html
