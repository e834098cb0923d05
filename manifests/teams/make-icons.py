#!/usr/bin/env python3
"""Draws the Teams app icons with nothing but the standard library (zlib + struct write the PNG bytes).

color.png   192x192: a white ring with a check mark on the accent colour (#4B53BC), fully opaque.
outline.png 32x32:   the same ring and check mark, white on a transparent background (Teams' outline rule).

Run from anywhere: python3 manifests/teams/make-icons.py  (rewrites both files next to this script).
"""
import math
import os
import struct
import zlib

ACCENT = (0x4B, 0x53, 0xBC)
WHITE = (255, 255, 255)


def png(width, height, pixel):
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")


def segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def mark(size):
    """True where the ring or the check mark covers the pixel centre, for an icon of this size."""
    c = size / 2
    ring_outer, ring_inner = size * 0.44, size * 0.36
    stroke = size * 0.055
    check = [(0.30, 0.52), (0.44, 0.66), (0.71, 0.37)]
    points = [(x * size, y * size) for x, y in check]

    def covered(x, y):
        px, py = x + 0.5, y + 0.5
        d = math.hypot(px - c, py - c)
        if ring_inner <= d <= ring_outer:
            return True
        return any(segment_distance(px, py, *points[i], *points[i + 1]) <= stroke for i in range(len(points) - 1))

    return covered


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    color_mark = mark(192)
    with open(os.path.join(here, "color.png"), "wb") as f:
        f.write(png(192, 192, lambda x, y: (*(WHITE if color_mark(x, y) else ACCENT), 255)))
    outline_mark = mark(32)
    with open(os.path.join(here, "outline.png"), "wb") as f:
        f.write(png(32, 32, lambda x, y: (*WHITE, 255) if outline_mark(x, y) else (0, 0, 0, 0)))


if __name__ == "__main__":
    main()
