"""People and organisations.

A Person is a public profile (a speaker, a moderator, a working-group member).
Only `public_name`, `position`, `organisation`, `bio`, `photo` and `website` are
ever shown or exported. `email` and `gender` are private: gender is
self-declared, optional, and used only for aggregate parity figures. A person
may mark position, organisation, bio or website private on their own page: the
value then moves to `private_values` and the public column is emptied. The
photo is shown only with its own consent (`photo_consent`, `public_photo`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.models import TimeStampedModel
from datacon.common.uploads import FileCheck
from datacon.common.validators import validate_single_line
from datacon.common.write import AuditAction


class PeopleAction(AuditAction):
    """Audit actions of people's profiles beyond plain saves."""

    PROFILE_SELF_UPDATE = "person.profile_self_update"


class OrganisationKind(models.TextChoices):
    PUBLIC_BODY = "public", _("Institución pública")
    CIVIL_SOCIETY = "civil_society", _("Sociedad civil")
    ACADEMIA = "academia", _("Academia")
    PRIVATE_SECTOR = "private", _("Sector privado")
    INTERNATIONAL = "international", _("Organismo internacional")
    MEDIA = "media", _("Medio de comunicación")


class Organisation(TimeStampedModel):
    name = models.CharField(_("nombre"), max_length=250, validators=[validate_single_line])
    acronym = models.CharField(
        _("siglas"), max_length=40, blank=True, validators=[validate_single_line]
    )
    slug = models.SlugField(_("identificador en URL"), max_length=80, unique=True, blank=True)
    kind = models.CharField(_("tipo"), max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(_("sitio web"), blank=True)
    logo = models.ImageField(
        _("logotipo"), upload_to="logos/", blank=True, validators=[FileCheck("image")]
    )
    description = models.TextField(_("descripción"), blank=True)
    search_document = models.TextField(editable=False, blank=True, default="")

    SEARCH_FIELDS = ("name", "acronym", "description")

    class Meta:
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("public:organisation", kwargs={"slug": self.slug})

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)


class Gender(models.TextChoices):
    # Self-declared and optional; never shown per person, only as aggregates.
    WOMAN = "woman", _("Mujer")
    MAN = "man", _("Hombre")
    NON_BINARY = "non_binary", _("No binaria")
    OTHER = "other", _("Otra")
    UNDECLARED = "", _("Prefiere no declarar")


class Person(TimeStampedModel):
    public_name = models.CharField(
        _("nombre público"), max_length=200, validators=[validate_single_line]
    )
    slug = models.SlugField(_("identificador en URL"), max_length=80, unique=True, blank=True)
    position = models.CharField(
        _("cargo"), max_length=200, blank=True, validators=[validate_single_line]
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organización"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    bio = models.TextField(_("semblanza pública"), blank=True)
    photo = models.ImageField(
        _("fotografía"), upload_to="people/", blank=True, validators=[FileCheck("image")]
    )
    website = models.URLField(_("sitio web"), blank=True)
    photo_consent = models.BooleanField(
        _("acepta que se publique su fotografía"),
        default=False,
        help_text=_(
            "Sin esta casilla la fotografía no se muestra en ninguna página ni en los datos."
        ),
    )
    # --- private -----------------------------------------------------------------
    # Values the person chose to keep private (the public column then stays empty,
    # so no page, export or API can show them): {"bio": "...", "organisation": 3}.
    private_values = models.JSONField(
        _("datos del perfil marcados como privados"), default=dict, blank=True
    )
    email = models.EmailField(_("correo (privado)"), blank=True)
    gender = models.CharField(
        _("género autodeclarado (privado)"),
        max_length=12,
        choices=Gender.choices,
        blank=True,
        default="",
        help_text=_("Opcional. Solo se usa en cifras agregadas de paridad."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    search_document = models.TextField(editable=False, blank=True, default="")

    SEARCH_FIELDS = ("public_name", "position", "bio")
    PUBLIC_FIELDS = ("public_name", "slug", "position", "organisation", "bio", "photo", "website")
    PRIVATE_FIELDS = ("email", "gender", "user", "private_values")
    # Fields the person may mark private on their own page.
    MAY_BE_PRIVATE = ("position", "organisation", "bio", "website")

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        ordering = ["public_name"]
        permissions = [("view_private_data", _("Puede ver datos personales (correo, género)"))]

    def __str__(self) -> str:
        return self.public_name

    def get_absolute_url(self) -> str:
        return reverse("public:person", kwargs={"slug": self.slug})

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)

    @property
    def public_photo(self) -> models.fields.files.FieldFile | None:
        """The photo, only when the person agreed to its publication."""
        return self.photo if self.photo and self.photo_consent else None


# Privacy notices, consents and objections live in their own module.
from datacon.people.models_privacy import (  # noqa: E402, F401
    Consent,
    ConsentPurpose,
    NonEssentialUse,
    PrivacyNotice,
    UseObjection,
)
