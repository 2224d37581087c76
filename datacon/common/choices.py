"""Value lists shared across apps: Mexican states, licences, languages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MexicanState(models.TextChoices):
    # INEGI's two-digit codes keep the values stable and joinable with official data.
    AGS = "01", "Aguascalientes"
    BC = "02", "Baja California"
    BCS = "03", "Baja California Sur"
    CAMP = "04", "Campeche"
    COAH = "05", "Coahuila de Zaragoza"
    COL = "06", "Colima"
    CHIS = "07", "Chiapas"
    CHIH = "08", "Chihuahua"
    CDMX = "09", "Ciudad de México"
    DGO = "10", "Durango"
    GTO = "11", "Guanajuato"
    GRO = "12", "Guerrero"
    HGO = "13", "Hidalgo"
    JAL = "14", "Jalisco"
    MEX = "15", "Estado de México"
    MICH = "16", "Michoacán de Ocampo"
    MOR = "17", "Morelos"
    NAY = "18", "Nayarit"
    NL = "19", "Nuevo León"
    OAX = "20", "Oaxaca"
    PUE = "21", "Puebla"
    QRO = "22", "Querétaro"
    QROO = "23", "Quintana Roo"
    SLP = "24", "San Luis Potosí"
    SIN = "25", "Sinaloa"
    SON = "26", "Sonora"
    TAB = "27", "Tabasco"
    TAMPS = "28", "Tamaulipas"
    TLAX = "29", "Tlaxcala"
    VER = "30", "Veracruz de Ignacio de la Llave"
    YUC = "31", "Yucatán"
    ZAC = "32", "Zacatecas"


class Licence(models.TextChoices):
    CC_BY_4 = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA_4 = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC0 = "CC0-1.0", "CC0 1.0"
    ALL_RIGHTS = "all-rights-reserved", _("Todos los derechos reservados")


LICENCE_URLS: dict[str, str] = {
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.ALL_RIGHTS: "",
}


class Language(models.TextChoices):
    SPANISH = "es", _("Español")
    ENGLISH = "en", _("Inglés")
    OTHER = "other", _("Otro")
