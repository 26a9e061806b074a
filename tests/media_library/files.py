"""Files for the upload tests, made in memory."""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile


def png_header(width, height):
    """A PNG that announces `width` × `height` pixels in a few bytes, as a decompression bomb does
    (its pixel data is missing: only a decoder would notice)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)
