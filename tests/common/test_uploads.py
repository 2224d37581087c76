import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from datacon.common.uploads import FileCheck

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_filecheck_accepts_a_real_pdf():
    FileCheck("material")(SimpleUploadedFile("relatoria.pdf", PDF))


def test_filecheck_refuses_a_renamed_executable():
    fake = SimpleUploadedFile("diapositivas.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError) as error:
        FileCheck("material")(fake)
    assert error.value.messages == [
        "El contenido del archivo no corresponde a un .pdf; revise que no esté dañado."
    ]


def test_filecheck_refuses_an_unknown_extension():
    with pytest.raises(ValidationError) as error:
        FileCheck("material")(SimpleUploadedFile("programa.exe", b"MZ" + b"\x00" * 10))
    assert error.value.messages[0].startswith("Tipo de archivo no permitido (.exe).")


def test_filecheck_refuses_an_oversized_file(settings):
    settings.DATACON_MAX_MATERIAL_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        FileCheck("material")(SimpleUploadedFile("grande.pdf", PDF + b"0" * 2048))
    assert error.value.messages == ["El archivo pesa 2.0\xa0KB y el máximo permitido es 1.0\xa0KB."]


def test_filecheck_image_refuses_a_pdf_named_png():
    with pytest.raises(ValidationError):
        FileCheck("image")(SimpleUploadedFile("logo.png", PDF))


def test_filecheck_image_accepts_png():
    FileCheck("image")(SimpleUploadedFile("logo.png", PNG))


def test_filecheck_text_csv_with_accents_is_accepted():
    FileCheck("material")(SimpleUploadedFile("datos.csv", "año,sesión\n2021,S0101\n".encode()))
