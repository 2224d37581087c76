"""A small PDF reader for the memoria's tests: objects, the catalogue, the structure tree
and the text of each page and of each marked-content item.

No PDF reader library is installed in the project (no pypdf, pikepdf or PyMuPDF), so
the tests read the bytes themselves. This reads what WeasyPrint/pydyf write (PDF 1.7
with object streams and a cross-reference stream, Flate-compressed streams, Type0
fonts with a ToUnicode CMap) and refuses anything else rather than guessing: it is
not a general PDF parser.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Ref:
    number: int


@dataclass(frozen=True)
class Name:
    value: str


@dataclass
class Stream:
    meta: dict[str, Any]
    raw: bytes

    @property
    def data(self) -> bytes:
        filters = self.meta.get("Filter")
        if filters is None:
            return self.raw
        names = filters if isinstance(filters, list) else [filters]
        assert [n.value for n in names] == ["FlateDecode"], names
        return zlib.decompress(self.raw)


_DELIMITERS = b"()<>[]{}/%"
_WHITESPACE = b" \t\r\n\f\x00"


class _Parser:
    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data = data
        self.pos = pos

    def _skip(self) -> None:
        data = self.data
        while self.pos < len(data):
            char = data[self.pos]
            if char in _WHITESPACE:
                self.pos += 1
            elif char == ord("%"):
                while self.pos < len(data) and data[self.pos] not in b"\r\n":
                    self.pos += 1
            else:
                return

    def _token(self) -> bytes:
        start = self.pos
        while self.pos < len(self.data) and self.data[self.pos] not in _WHITESPACE + _DELIMITERS:
            self.pos += 1
        return self.data[start : self.pos]

    def value(self) -> Any:
        self._skip()
        data = self.data
        char = data[self.pos : self.pos + 1]
        if data.startswith(b"<<", self.pos):
            self.pos += 2
            result: dict[str, Any] = {}
            while True:
                self._skip()
                if data.startswith(b">>", self.pos):
                    self.pos += 2
                    return result
                key = self.value()
                assert isinstance(key, Name), key
                result[key.value] = self.value()
        if char == b"[":
            self.pos += 1
            items = []
            while True:
                self._skip()
                if data[self.pos : self.pos + 1] == b"]":
                    self.pos += 1
                    return items
                items.append(self.value())
        if char == b"/":
            self.pos += 1
            return Name(self._token().decode("latin-1"))
        if char == b"(":
            return self._literal()
        if char == b"<":
            end = data.index(b">", self.pos)
            hexdigits = re.sub(rb"\s", b"", data[self.pos + 1 : end])
            self.pos = end + 1
            return bytes.fromhex(hexdigits.decode() + ("0" if len(hexdigits) % 2 else ""))
        token = self._token()
        if token in (b"true", b"false"):
            return token == b"true"
        if token == b"null":
            return None
        if re.fullmatch(rb"[+-]?\d+", token):
            # An indirect reference is "number generation R".
            saved = self.pos
            self._skip()
            generation = self._token()
            self._skip()
            if re.fullmatch(rb"\d+", generation) and data[self.pos : self.pos + 1] == b"R":
                self.pos += 1
                return Ref(int(token))
            self.pos = saved
            return int(token)
        if re.fullmatch(rb"[+-]?\d*\.\d*", token):
            return float(token)
        raise ValueError(f"unexpected token {token!r} at {self.pos}")

    def _literal(self) -> bytes:
        data = self.data
        self.pos += 1
        depth = 1
        out = bytearray()
        escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
        while True:
            char = data[self.pos : self.pos + 1]
            self.pos += 1
            if char == b"\\":
                nxt = data[self.pos : self.pos + 1]
                if nxt in escapes:
                    out += escapes[nxt]
                    self.pos += 1
                elif nxt.isdigit():
                    octal = re.match(rb"[0-7]{1,3}", data[self.pos : self.pos + 3])
                    assert octal
                    out.append(int(octal.group(), 8) & 0xFF)
                    self.pos += len(octal.group())
                elif nxt in b"\r\n":
                    self.pos += 1
                else:
                    out += nxt
                    self.pos += 1
            elif char == b"(":
                depth += 1
                out += char
            elif char == b")":
                depth -= 1
                if depth == 0:
                    return bytes(out)
                out += char
            else:
                out += char


def text_string(value: bytes) -> str:
    """A PDF text string: UTF-16BE with a byte-order mark, else PDFDocEncoding (~Latin-1)."""
    if value.startswith(b"\xfe\xff"):
        return value[2:].decode("utf-16-be")
    return value.decode("latin-1")


@dataclass
class StructElement:
    role: str
    alt: str | None
    page: int | None
    kids: list[Any] = field(default_factory=list)  # StructElement or (page, mcid)


class PdfFile:
    def __init__(self, content: bytes) -> None:
        assert content.startswith(b"%PDF-"), content[:20]
        self.version = content[5:8].decode()
        self.objects: dict[int, Any] = {}
        self.trailer: dict[str, Any] = {}
        for match in re.finditer(rb"(?m)^(\d+) 0 obj\b", content):
            parser = _Parser(content, match.end())
            value = parser.value()
            parser._skip()
            if content.startswith(b"stream", parser.pos):
                start = parser.pos + len(b"stream")
                start += 2 if content[start : start + 2] == b"\r\n" else 1
                length = value["Length"]
                assert isinstance(length, int), "indirect stream lengths are not read here"
                value = Stream(value, content[start : start + length])
                if value.meta.get("Type") == Name("XRef"):
                    self.trailer = value.meta
            self.objects[int(match.group(1))] = value
        for stream in [o for o in self.objects.values() if isinstance(o, Stream)]:
            if stream.meta.get("Type") == Name("ObjStm"):
                self._unpack(stream)
        assert self.trailer, "no cross-reference stream"

    def _unpack(self, stream: Stream) -> None:
        data = stream.data
        header = _Parser(data[: stream.meta["First"]])
        pairs = [header.value() for _ in range(2 * stream.meta["N"])]
        for number, offset in zip(pairs[::2], pairs[1::2], strict=True):
            self.objects[number] = _Parser(data, stream.meta["First"] + offset).value()

    def get(self, value: Any) -> Any:
        while isinstance(value, Ref):
            value = self.objects[value.number]
        return value

    @property
    def catalog(self) -> dict[str, Any]:
        return self.get(self.trailer["Root"])  # type: ignore[no-any-return]

    @property
    def info(self) -> dict[str, Any]:
        return self.get(self.trailer.get("Info")) or {}

    @property
    def pages(self) -> list[int]:
        """Object numbers of the pages, in order."""
        result: list[int] = []

        def walk(ref: Ref) -> None:
            node = self.get(ref)
            if node["Type"] == Name("Pages"):
                for kid in node["Kids"]:
                    walk(kid)
            else:
                result.append(ref.number)

        walk(self.catalog["Pages"])
        return result

    # --- text -------------------------------------------------------------------------------

    def _to_unicode(self, font: dict[str, Any]) -> tuple[int, dict[bytes, str]]:
        cmap = self.get(font["ToUnicode"]).data.decode("latin-1")
        width = 2 if "<0000> <ffff>" in cmap.lower() else 1
        mapping: dict[bytes, str] = {}
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
                mapping[bytes.fromhex(code)] = bytes.fromhex(text).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for low, high, start in re.findall(
                r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
            ):
                first = int(start, 16)
                for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    mapping[code.to_bytes(len(low) // 2, "big")] = chr(first + offset)
        return width, mapping

    def marked_text(self, page_index: int) -> dict[int, str]:
        """The text of each marked-content item (MCID) of a page's content stream."""
        page = self.get(Ref(self.pages[page_index]))
        resources = self.get(page.get("Resources", {}))
        fonts = {
            name: self._to_unicode(self.get(ref))
            for name, ref in self.get(resources.get("Font", {})).items()
            if "ToUnicode" in self.get(ref)
        }
        contents = page["Contents"]
        streams = contents if isinstance(contents, list) else [contents]
        data = b"\n".join(self.get(ref).data for ref in streams)
        texts: dict[int, list[str]] = defaultdict(list)
        stack: list[int | None] = []
        operands: list[Any] = []
        parser = _Parser(data)
        font: tuple[int, dict[bytes, str]] = (1, {})
        while True:
            parser._skip()
            if parser.pos >= len(data):
                break
            char = data[parser.pos : parser.pos + 1]
            if char in b"<[(/" or char.isdigit() or char in b"+-.":
                operands.append(parser.value())
                continue
            operator = parser._token()
            if not operator:
                raise ValueError(f"unreadable content at {parser.pos}")
            if operator == b"BDC":
                properties = operands[-1]
                if isinstance(properties, Name):
                    properties = self.get(resources["Properties"][properties.value])
                stack.append(properties.get("MCID") if isinstance(properties, dict) else None)
            elif operator == b"BMC":
                stack.append(None)
            elif operator == b"EMC":
                stack.pop()
            elif operator == b"Tf":
                font = fonts.get(operands[0].value, (1, {}))
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                pieces = operands[-1] if operator == b"TJ" else [operands[-1]]
                width, mapping = font
                text = "".join(
                    mapping.get(piece[i : i + width], "")
                    for piece in pieces
                    if isinstance(piece, bytes)
                    for i in range(0, len(piece), width)
                )
                mcid = next((m for m in reversed(stack) if m is not None), None)
                if mcid is not None:
                    texts[mcid].append(text)
            elif operator == b"BI":
                end = data.index(b"EI", parser.pos)
                parser.pos = end + 2
            operands = []
        return {mcid: "".join(parts) for mcid, parts in texts.items()}

    def page_text(self, page_index: int) -> str:
        """A page's marked text, in the order of its marked-content items."""
        return " ".join(text for _mcid, text in sorted(self.marked_text(page_index).items()))

    # --- structure ---------------------------------------------------------------------------

    def structure(self) -> StructElement:
        root = self.get(self.catalog["StructTreeRoot"])
        page_numbers = {number: index for index, number in enumerate(self.pages)}

        def element(node: dict[str, Any], page: int | None) -> StructElement:
            page_ref = node.get("Pg")
            if isinstance(page_ref, Ref):
                page = page_numbers[page_ref.number]
            alt = node.get("Alt")
            built = StructElement(
                role=node["S"].value, alt=text_string(alt) if alt is not None else None, page=page
            )
            kids = node.get("K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                if isinstance(kid, int):
                    built.kids.append((page, kid))
                    continue
                child = self.get(kid)
                if child.get("Type") == Name("StructElem") or "S" in child:
                    built.kids.append(element(child, page))
                elif "MCID" in child:
                    child_page = child.get("Pg")
                    built.kids.append(
                        (page_numbers[child_page.number] if child_page else page, child["MCID"])
                    )
                # Object references (link annotations) carry no text.
            return built

        kids = root["K"]
        document = StructElement(role="StructTreeRoot", alt=None, page=None)
        for kid in kids if isinstance(kids, list) else [kids]:
            document.kids.append(element(self.get(kid), None))
        return document

    def reading_order_text(self) -> str:
        """The text of the document in the order of its structure tree."""
        cache: dict[int, dict[int, str]] = {}
        parts: list[str] = []

        def walk(node: StructElement) -> None:
            for kid in node.kids:
                if isinstance(kid, StructElement):
                    walk(kid)
                else:
                    page, mcid = kid
                    if page not in cache:
                        cache[page] = self.marked_text(page)
                    parts.append(cache[page].get(mcid, ""))

        walk(self.structure())
        return " ".join(part for part in parts if part)


def elements(node: StructElement, role: str) -> list[StructElement]:
    found = [node] if node.role == role else []
    for kid in node.kids:
        if isinstance(kid, StructElement):
            found += elements(kid, role)
    return found
