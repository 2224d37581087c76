"""Remove personal data from request texts before anyone sees them.

People filing access-to-information requests often write their own e-mail,
phone number, CURP, RFC or name in the request. The texts are public records,
but this platform only ever shows or exports them after `scrub()` has replaced
those patterns with neutral tokens:

=====================  =========================================================  ======================
What                   Pattern (case-insensitive unless noted)                    Token
=====================  =========================================================  ======================
e-mail                 local@domain.tld, also "local arroba domain punto tld"     [correo]
CURP                   4 letters, 6 digits, H/M/X, 5 letters, 1 alphanumeric,     [CURP]
                       1 digit (18 characters)
voter key              6 letters, 8 digits, H/M, 3 digits (18 characters)         [clave de elector]
RFC                    3-4 letters, 6 digits, 3-character homoclave (12/13),      [RFC]
                       optional separators; 4 letters + 6 digits without it
phone                  a run of digits and separators ( ) . - space holding       [teléfono]
                       exactly 10 digits, after removing +52/52, a mobile 1,
                       044/045 or 01 prefixes (not a "2021-000123" reference)
name                   after "me llamo", "mi nombre es", "soy", "atentamente",    [nombre]
                       "atte.", "el/la suscrito(a)": the following capitalised
                       words (up to five, with de/del/la/las/los/y between)
=====================  =========================================================  ======================

It errs on the side of removing: a ten-digit amount or a capitalised job title
after "soy" is replaced too. What it cannot know (a name written with no
introduction, a street address) is why the raw text is never published.

The function is pure and cheap on clean text: quick scans decide whether the
identity-document and name expressions need to run at all, because the
importer calls it for every one of a million requests.
"""

from __future__ import annotations

import re

EMAIL_MARK = "[correo]"
PHONE_MARK = "[teléfono]"
CURP_MARK = "[CURP]"
RFC_MARK = "[RFC]"
ELECTOR_MARK = "[clave de elector]"
NAME_MARK = "[nombre]"

MARKS = (EMAIL_MARK, PHONE_MARK, CURP_MARK, RFC_MARK, ELECTOR_MARK, NAME_MARK)

_UPPER = "A-ZÁÉÍÓÚÑÜ"
_LETTER = "A-Za-zÁÉÍÓÚÑÜáéíóúñü"

# Cheap checks (plain substring counts, much faster than regular expressions)
# decide whether the expensive expressions need to run at all.
_DIGITS = b"0123456789"
_ID_HINT = re.compile(r"[A-Za-zÑñ&][-\s]?\d{6}")
_NAME_HINTS = (b"llamo", b"nombre", b"soy", b"atentamente", b"atte", b"suscri")

_EMAIL = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|[\w.+-]+\s+arroba\s+[\w-]+(?:\s+punto\s+[\w-]+)+",
    re.IGNORECASE,
)
_CURP = re.compile(rf"(?<![\w&])[{_UPPER}]{{4}}\d{{6}}[HMX][{_UPPER}]{{5}}[A-Z\d]\d(?!\w)", re.I)
_ELECTOR = re.compile(rf"(?<![\w&])[{_UPPER}]{{6}}\d{{8}}[HM]\d{{3}}(?!\w)", re.IGNORECASE)
_RFC = re.compile(
    rf"(?<![\w&])(?:[{_UPPER}&]{{3,4}}[-\s]?\d{{6}}[-\s]?[A-Z\d]{{3}}|[{_UPPER}&]{{4}}\d{{6}})(?!\w)",
    re.IGNORECASE,
)
# A run of digits and phone separators; the callback keeps only those holding a phone number.
_PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+\s?)?\(?\d[\d\s().-]{6,22}\d\)?(?!\w)")
_DIGIT_GROUP = re.compile(r"\d+")

_NAME_WORD = rf"[{_UPPER}][{_LETTER}'’-]*"
_PARTICLE = r"(?:de|del|la|las|los|y|e|van|von|da|dos)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,4}}"
# Triggers are matched in any case; the name itself must be capitalised.
_NAME_AFTER_TRIGGER = re.compile(
    r"(?P<trigger>(?i:\b(?:me\s+llamo|mi\s+nombre\s+(?:completo\s+)?es|soy|atentamente|atte\.?"
    r"|(?:el|la)\s+suscrit[oa]|quien\s+suscribe)))"
    rf"(?P<gap>[\s,:.-]*)(?P<name>{_NAME})"
)


# "2021-000123": a year and a six-digit number, the usual shape of a file or request
# reference, holds ten digits but is not a phone (no Mexican area code starts 19 or 20).
_YEAR_REFERENCE = re.compile(r"^(?:19|20)\d{2}[-/]\d{6}$")


# An ISO date ("2021-05-11") at the start of a run of digits is a date, not part of a phone.
_ISO_DATE = re.compile(r"\s*(?:19|20)\d{2}-\d{2}-\d{2}")


def _phone(match: re.Match[str]) -> str:
    candidate = match.group(0)
    if _YEAR_REFERENCE.match(candidate.strip()):
        return candidate
    date = _ISO_DATE.match(candidate)
    if date:
        return candidate[: date.end()] + _PHONE_CANDIDATE.sub(_phone, candidate[date.end() :])
    digits = "".join(_DIGIT_GROUP.findall(candidate))
    if len(digits) > 10:
        for prefix in ("521", "52", "044", "045", "01", "1"):
            if digits.startswith(prefix) and len(digits) - len(prefix) == 10:
                digits = digits[len(prefix) :]
                break
    if len(digits) != 10:
        return candidate
    return PHONE_MARK


def _name(match: re.Match[str]) -> str:
    return f"{match.group('trigger')}{match.group('gap') or ' '}{NAME_MARK}"


def scrub(text: str) -> str:
    """The text with personal-data patterns replaced by tokens ([correo], [teléfono]...)."""
    if not text:
        return text
    # Bytes: deleting digits and lower-casing ASCII are single fast C loops.
    raw = text.encode("utf-8")
    lower = raw.lower()
    if b"@" in raw or b"rroba" in lower:
        text = _EMAIL.sub(EMAIL_MARK, text)
    digits = len(raw) - len(raw.translate(None, _DIGITS))
    # Every identity document holds six digits in a row; every phone, ten digits.
    if digits >= 6 and _ID_HINT.search(text):
        text = _CURP.sub(CURP_MARK, text)
        text = _ELECTOR.sub(ELECTOR_MARK, text)
        text = _RFC.sub(RFC_MARK, text)
    if digits >= 10:
        text = _PHONE_CANDIDATE.sub(_phone, text)
    if any(hint in lower for hint in _NAME_HINTS):
        text = _NAME_AFTER_TRIGGER.sub(_name, text)
    return text


# Patterns a public page must never contain; tests scan pages, the API and exports with them.
LEAK_PATTERNS = {
    "correo": re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
    "CURP": _CURP,
    "clave de elector": _ELECTOR,
    "RFC": _RFC,
}


def looks_personal(text: str) -> list[str]:
    """Names of the personal-data patterns found in a text (used by checks and tests)."""
    found = [name for name, pattern in LEAK_PATTERNS.items() if pattern.search(text)]
    for match in _PHONE_CANDIDATE.finditer(text):
        if _phone(match) == PHONE_MARK:
            found.append("teléfono")
            break
    return found
