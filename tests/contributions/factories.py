import datetime as dt

import factory

from datacon.contributions.models import Contribution, ContributionKind
from tests import factories


def past_edition(**kwargs):  # type: ignore[no-untyped-def]
    """A published edition that is over (the real ones are 2021-2024)."""
    year = kwargs.pop("year", 2022)
    return factories.EditionFactory(
        year=year,
        slug=kwargs.pop("slug", str(year)),
        start_date=dt.date(year, 10, 4),
        end_date=dt.date(year, 10, 5),
        **kwargs,
    )


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    edition = factory.LazyFunction(past_edition)
    kind = ContributionKind.VIDEO
    target = "Inauguración"
    content = "La inauguración se transmitió y el video sigue publicado."
    source_url = "https://example.org/video"
    source_title = "Video de la inauguración"
    created_by = factory.SubFactory(factories.UserFactory)
