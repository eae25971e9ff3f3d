"""Small real files for the tests, made here byte by byte, and what the pages post."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document


def pdf_bytes(text: str = "Tenancy agreement") -> bytes:
    """A one-page PDF with a line of text, its cross-reference table worked out."""
    stream = f"BT /F1 14 Tf 50 780 Td ({text}) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"\
        .encode()
    return out


def png_bytes() -> bytes:
    """A 1 by 1 white PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))


def jpeg_bytes() -> bytes:
    """A 2 by 2 photo, as a camera or phone saves one."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def doc_bytes() -> bytes:
    """The start of a Word 97-2003 document: the compound file's signature, and Word's own at
    the start of its first sector (what tells it from an old Excel or PowerPoint file)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".ljust(512, b"\x00")
    return header + b"\xec\xa5\xc1\x00" + b"\x00" * 1020


def docx_bytes() -> bytes:
    """A Word document as Word writes one: a zip whose parts are the document's."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                      'openxmlformats.org/package/2006/content-types"/>')
        docx.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        docx.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buffer.getvalue()


def upload(name: str = "tenancy.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content)


def upload_post(file=None, *, kind="tenancy_agreement", title="Tenancy agreement, Flat 3",
                dated_on=None) -> dict:
    data = {"kind": kind, "title": title, "dated_on_0": "", "dated_on_1": "", "dated_on_2": ""}
    if dated_on is not None:
        data.update(dated_on_0=str(dated_on.day), dated_on_1=str(dated_on.month),
                    dated_on_2=str(dated_on.year))
    if file is not False:
        data["file"] = file or upload()
    return data


def keep(person, by, *, kind="tenancy_agreement", title="Tenancy agreement, Flat 3",
         name="tenancy.pdf", content=None) -> Document:
    """A document kept through the service, as an upload would."""
    from documents.services import document_upload

    return document_upload(actor=by, young_person=person, kind=kind, title=title,
                           upload=upload(name, content))


def stored_files(folder) -> list:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []
