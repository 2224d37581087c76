"""The platform's operator: who runs this installation now and answers for its open data.

The body that organised 2021-2024 no longer exists, and the next editions may
be organised by someone else, so nothing about the publisher is written in
code. Each edition's datasets are published by that edition's organiser (stored
on the edition); whatever spans the whole platform (the catalogue, the
platform-wide datasets, the API) is published by the operator, and every
dataset's contact point is the operator's, because they answer questions
about the data today. Organisers edit the one operator record in the admin;
until they do, DATACON_OPERATOR_NAME / _EMAIL / _URL give its values.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.models import TimeStampedModel
from datacon.common.validators import validate_single_line

OPERATOR_KEY = "operador"


class PlatformOperator(TimeStampedModel):
    key = models.CharField(max_length=20, default=OPERATOR_KEY, unique=True, editable=False)
    name = models.CharField(
        _("nombre"),
        max_length=250,
        help_text=_("Quien opera hoy la plataforma y responde por sus datos abiertos."),
        validators=[validate_single_line],
    )
    email = models.EmailField(
        _("correo de contacto para los datos"),
        help_text=_("Aparece como punto de contacto de cada conjunto de datos del catálogo."),
    )
    website = models.URLField(_("sitio web"), blank=True)

    class Meta:
        verbose_name = _("operador de la plataforma")
        verbose_name_plural = _("operador de la plataforma")

    def __str__(self) -> str:
        return self.name

    def public_scopes(self) -> tuple[str, ...]:
        # Every open-data output (catalogue, packages) is cached under the conference scope.
        return (versions.CONFERENCE,)

    @classmethod
    def from_settings(cls) -> PlatformOperator:
        """The operator a deployment declared, before organisers record their own."""
        return cls(
            name=settings.DATACON_OPERATOR_NAME,
            email=settings.DATACON_OPERATOR_EMAIL,
            website=settings.DATACON_OPERATOR_URL,
        )
