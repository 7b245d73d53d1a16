#!/usr/bin/env python3
"""Hostile files (issue 15) generated on the fly and run through `gongkai`
under a memory limit and a deadline, each checked against its budget
(readers/budget.h) and its expected outcome.

    hostile.py GONGKAI WORKDIR [--only NAME] [--parent-as-mb 3072]

Each case: the file is written to WORKDIR (the big ones only here, never
committed), `gongkai extract` (or `import`) runs with RLIMIT_AS on the
command (the reading worker sets its own 1 GB limit below it) and a wall
clock deadline; the exit status, the message on stderr (it must name the
file and the budget), the elapsed time and the peak RSS of the command and
its worker (wait4) are checked and printed as a table.
"""
import argparse
import os
import random
import resource
import shutil
import struct
import subprocess
import sys
import time
import zipfile
import zlib

MB = 1 << 20


# --------------------------------------------------------------------------
# Generators

def pdf(objects):
    """A PDF from a list of object bodies (bytes), numbered from 1, with a
    correct xref table; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(dictionary, data):
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def big_page_pdf(text):
    content = b"BT /F1 24 Tf 72 14000 Td (2023 annual report) Tj ET" if text else b"0 0 m 1 1 l S"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def zeros_deflated(n, chunk=MB):
    """n zero bytes, deflated: after a full flush a block of zeros compresses
    to the same bytes every time, so one block is compressed and repeated
    (raw deflate in a zlib wrapper; the Adler-32 of n zeros is n mod 65521
    in its high half and 1 in its low)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    zero = bytes(chunk)
    first = c.compress(zero) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(zero) + c.flush(zlib.Z_FULL_FLUSH)
    whole, rest = divmod(n, chunk)
    parts = [first] if whole >= 1 else []
    parts.append(again * max(0, whole - 1))
    parts.append(c.compress(bytes(rest)) + c.flush())
    return b"\x78\xda" + b"".join(parts) + struct.pack(">I", ((n % 65521) << 16) | 1)


def huge_image_pdf(side=20000):
    data = zeros_deflated(side * side)
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /Im1 5 0 R >> >> >>",
        stream(b"", b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
               b" /BitsPerComponent 8 /Filter /FlateDecode" % (side, side), data),
    ])


def blank_pages_pdf(n):
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
               stream(b"", b"")]
    for _ in range(n):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>")
    return pdf(objects)


def png(width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    row = width + 1  # filter byte + grey bytes, all zero
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zeros_deflated(row * height)) + chunk(b"IEND", b""))


def docx(path, document_xml):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/'
                   '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", document_xml)


def docx_part(size):
    head = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body>')
    tail = "</w:body></w:document>"
    para = "<w:p><w:r><w:t>第1行 123 456 789</w:t></w:r></w:p>"
    n = (size - len(head) - len(tail)) // len(para.encode())
    return head + para * n + tail


def html_rows(size):
    row = "<tr><td>行</td><td>1</td><td>2</td><td>3</td></tr>\n"
    head = "<html><head><meta charset='utf-8'></head><body><table>\n"
    n = (size - len(head)) // len(row.encode())
    return (head + row * n + "</table></body></html>").encode()


def html_attributes(n):
    attrs = " ".join("a%d=\"x\"" % i for i in range(n))
    return ("<html><body><div " + attrs + ">2023年 政府信息公开</div></body></html>").encode()


def text_rows(size):
    row = b"1 2 3 4 5 6 7 8\n"
    return row * (size // len(row))


# --------------------------------------------------------------------------
# Cases: name, file, writer, command, expected exit, words the message must
# hold, deadline (s).

def cases(work):
    def f(name):
        return os.path.join(work, name)
    return [
        # (name, path, make, extra args, exit, message words, deadline)
        ("pdf-14400pt-page", f("big-page.pdf"), lambda: big_page_pdf(True), [], 1, ["不是政府信息公开工作年度报告"], 60),
        ("pdf-14400pt-no-text", f("big-page-scan.pdf"), lambda: big_page_pdf(False), [], 1, ["像素", "pixels"], 60),
        ("pdf-huge-picture", f("huge-picture.pdf"), huge_image_pdf, [], 1, ["图片的像素", "20000×20000"], 60),
        ("png-20000x20000", f("huge.png"), lambda: png(20000, 20000), [], 1, ["图片的像素", "20000×20000"], 60),
        ("docx-part-under-cap", f("big-part.docx"), lambda: None, [], 1, ["不是政府信息公开工作年度报告"], 120),
        ("docx-part-over-cap", f("over-part.docx"), lambda: None, [], 1, ["DOCX", "word/document.xml"], 60),
        ("html-50MB", f("big.html"), lambda: html_rows(50 * MB), [], 1, ["网页大小", "HTML page size"], 60),
        ("html-under-cap", f("near-cap.html"), lambda: html_rows(8 * MB - 4096), [], 1,
         ["不是政府信息公开工作年度报告"], 120),
        ("html-300000-attributes", f("attributes.html"), lambda: html_attributes(300000), [], 1,
         ["属性数", "attributes"], 60),
        ("text-100MB-rows", f("rows.txt"), lambda: text_rows(100 * 1000 * 1000), [], 1,
         ["文本文件大小", "text file size"], 60),
        ("text-under-cap", f("near-cap.txt"), lambda: text_rows(4 * MB - 64), [], 1,
         ["不是政府信息公开工作年度报告"], 120),
        ("pdf-2000-blank-pages", f("blank-2000.pdf"), lambda: blank_pages_pdf(2000), [], 1,
         ["PDF 页数", "PDF pages"], 60),
        ("pdf-40-blank-pages-deadline", f("blank-40.pdf"), lambda: blank_pages_pdf(40), ["--time-limit", "4"], 1,
         ["读取时间", "reading took longer"], 30),
        ("docx-memory-limit", f("big-part.docx"), None, ["--memory-limit", "160"], 1, ["内存", "memory"], 60),
        ("png-truncated", f("truncated.png"), lambda: png(400, 300)[:80], [], 1,
         ["图片文件已损坏"], 30),
        ("random-bytes", f("random.bin"), lambda: random.Random(15).randbytes(100 * 1024), [], 1,
         ["random.bin"], 30),
        ("lone-newline", f("newline.txt"), lambda: b"\n", [], 1, ["不是政府信息公开工作年度报告"], 30),
    ]


def make(path, make_bytes, name):
    if make_bytes is None or os.path.exists(path):
        return
    if name == "docx-part-under-cap":
        docx(path, docx_part(16 * MB - 64 * 1024))
        return
    if name == "docx-part-over-cap":
        docx(path, docx_part(20 * MB))
        return
    with open(path, "wb") as out:
        out.write(make_bytes())


def run(cmd, deadline, parent_as):
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (parent_as, parent_as))
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit)
    try:
        _, err = proc.communicate(timeout=deadline)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        err += b"\n(deadline of the test passed)"
    # The peak RSS of the command and of its reaped children (the worker).
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return proc.returncode, err.decode("utf-8", "replace"), time.monotonic() - start, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gongkai")
    ap.add_argument("work")
    ap.add_argument("--only", action="append")
    ap.add_argument("--parent-as-mb", type=int, default=3072)
    ap.add_argument("--rss-limit-mb", type=int, default=1024)
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    failed = 0
    print("%-30s %5s %8s %9s  %s" % ("case", "exit", "seconds", "peak MB", "message"))
    for name, path, make_bytes, extra, want_exit, words, deadline in cases(args.work):
        if args.only and name not in args.only:
            continue
        make(path, make_bytes, name)
        # Each case in a fresh Python child, so that RUSAGE_CHILDREN is its own.
        cmd = [args.gongkai, "extract", path] + extra
        code, err, secs, rss = run_isolated(cmd, deadline, args.parent_as_mb * MB)
        problems = []
        if code != want_exit:
            problems.append("exit %s, expected %d" % (code, want_exit))
        for w in words + [os.path.basename(path)]:
            if w not in err:
                problems.append("message lacks %r" % w)
        # Nothing a library prints reaches the user without the file's name.
        for line in err.splitlines():
            if line.strip() and os.path.basename(path) not in line and "个文件未能处理" not in line:
                problems.append("a line without the file name: %r" % line[:200])
        if rss > args.rss_limit_mb:
            problems.append("peak RSS %.0f MB over %d MB" % (rss, args.rss_limit_mb))
        first = err.strip().splitlines()[0] if err.strip() else ""
        print("%-30s %5s %8.1f %9.0f  %s" % (name, code, secs, rss, first[:160]))
        if problems:
            failed += 1
            print("  FAIL: " + "; ".join(problems))
            print("  stderr: " + err[-2000:])
    failed += check_import(args)
    if not args.keep:
        shutil.rmtree(args.work, ignore_errors=True)
    if failed:
        print("%d hostile case(s) failed" % failed)
        return 1
    print("all hostile cases within budget")
    return 0


def run_isolated(cmd, deadline, parent_as):
    code = ("import sys, json; sys.path.insert(0, %r); import hostile; "
            "print(json.dumps(hostile.run(%r, %r, %r)))" % (os.path.dirname(os.path.abspath(__file__)), cmd,
                                                             deadline, parent_as))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    import json
    code_, err, secs, rss = json.loads(out)
    return code_, err, secs, rss


def check_import(args):
    """`import` of not-a-report inputs stores nothing and exits 1."""
    work = args.work
    archive = os.path.join(work, "spaces.zip")
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("spaces.txt", " " * 4096)
    newline = os.path.join(work, "newline.txt")
    with open(newline, "wb") as out:
        out.write(b"\n")
    random_bin = os.path.join(work, "random.txt")
    with open(random_bin, "wb") as out:
        out.write(random.Random(16).randbytes(100 * 1024))
    db = os.path.join(work, "hostile.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    proc = subprocess.run([args.gongkai, "import", "--db", db, archive, newline, random_bin],
                          capture_output=True, text=True, timeout=120)
    problems = []
    if proc.returncode != 1:
        problems.append("import exit %d, expected 1" % proc.returncode)
    if "新增 0 份报告" not in proc.stderr or "3 个文件失败" not in proc.stderr:
        problems.append("import stored something: " + proc.stderr[-300:])
    print("%-30s %5s %8s %9s  %s" % ("import-not-reports", proc.returncode, "", "",
                                     proc.stderr.strip().splitlines()[-1][:160] if proc.stderr.strip() else ""))
    if problems:
        print("  FAIL: " + "; ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
