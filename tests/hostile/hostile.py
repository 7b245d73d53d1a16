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


def text_pages_pdf(n):
    """n A4 pages, each with a line of text and a ruled 3x3 grid: every page
    is rendered for its ruling lines, so a reader that kept each page's
    rendering would grow with n."""
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< >>"]
    for i in range(n):
        grid = b"".join(b"72 %d m 520 %d l S " % (600 + 40 * k, 600 + 40 * k) for k in range(4))
        grid += b"".join(b"%d 600 m %d 720 l S " % (72 + 149 * k, 72 + 149 * k) for k in range(4))
        content = b"BT /F1 12 Tf 72 760 Td (page %d of a long file 2023) Tj ET " % (i + 1) + grid
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                       b" /Resources << /Font << /F1 3 0 R >> >> >>" % (6 + 2 * i))
        objects.append(stream(b"", content))
    return pdf(objects)


def huge_image_indirect_pdf(side=20000):
    """The huge picture with /Width and /Height as indirect objects, which
    the reader's scan of image dictionaries does not see: the worker's
    memory limit must still hold."""
    data = zeros_deflated(side * side)
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 8 0 R >> /XObject << /Im1 5 0 R >> >> >>",
        stream(b"", b"BT /F1 12 Tf 72 800 Td (2023) Tj ET q 595 0 0 700 0 0 cm /Im1 Do Q"),
        stream(b"/Type /XObject /Subtype /Image /Width 6 0 R /Height 7 0 R /ColorSpace /DeviceGray"
               b" /BitsPerComponent 8 /Filter /FlateDecode", data),
        b"%d" % side,
        b"%d" % side,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def content_bomb_pdf(n=1 << 30):
    """One page whose content stream inflates to n bytes of zeros (1 MB on
    disk for 1 GB)."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        stream(b"/Filter /FlateDecode", zeros_deflated(n)),
    ])


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
        ("html-175MB", f("huge.html"), lambda: html_rows(175 * MB), [], 1, ["文件大小", "file size"], 60),
        ("pdf-huge-picture-indirect-size", f("huge-picture-indirect.pdf"), huge_image_indirect_pdf, [], 1,
         ["huge-picture-indirect.pdf"], 120),
        ("pdf-content-stream-1GB", f("content-bomb.pdf"), content_bomb_pdf, [], 1,
         ["压缩数据解压后的大小", "inflated size"], 120),
        # Pages rendered and released one at a time: 300 pages (the cap) of
        # ruled text pages stay within a little of 30 (checked in main()).
        ("pdf-30-text-pages", f("text-30.pdf"), lambda: text_pages_pdf(30), [], 1,
         ["不是政府信息公开工作年度报告"], 120),
        ("pdf-300-text-pages", f("text-300.pdf"), lambda: text_pages_pdf(300), [], 1,
         ["不是政府信息公开工作年度报告"], 300),
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
    ap.add_argument("--source", default=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    ap.add_argument("--only", action="append")
    ap.add_argument("--parent-as-mb", type=int, default=3072)
    ap.add_argument("--rss-limit-mb", type=int, default=1024)
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    failed = 0
    peaks = {}
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
        peaks[name] = rss
        first = err.strip().splitlines()[0] if err.strip() else ""
        print("%-30s %5s %8.1f %9.0f  %s" % (name, code, secs, rss, first[:160]))
        if problems:
            failed += 1
            print("  FAIL: " + "; ".join(problems))
            print("  stderr: " + err[-2000:])
    # One page at a time: ten times the pages, about the same peak.
    if "pdf-30-text-pages" in peaks and "pdf-300-text-pages" in peaks:
        grew = peaks["pdf-300-text-pages"] - peaks["pdf-30-text-pages"]
        print("%-30s %5s %8s %9.0f  %s" % ("pdf-pages-one-at-a-time", "", "", grew, "MB more for 300 pages than 30"))
        if grew > 120:
            failed += 1
            print("  FAIL: the peak grows with the pages (%.0f MB more for 300 than for 30)" % grew)
    if not args.only:
        failed += check_import(args)
        failed += check_import_hostile(args)
        failed += check_encodings(args)
        failed += check_serve(args)
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


def check_import_hostile(args):
    """`import` of the hostile files together (the issue saw 6.7 GB): each
    fails with its budget, the batch goes on to the one real report, and no
    process of it goes over the RSS limit."""
    work = args.work
    files = [os.path.join(work, n) for n in ("big-page-scan.pdf", "huge-picture.pdf", "huge.png", "big-part.docx",
                                             "near-cap.html", "content-bomb.pdf")]
    files = [f for f in files if os.path.exists(f)]
    seed = os.path.join(args.source, "tests", "fixtures", "seeds", "000-qiaokou-approval-2023.txt")
    db = os.path.join(work, "hostile-import.db")
    cmd = [args.gongkai, "import", "--db", db, "-j", "2"] + files + [seed]
    code, err, secs, rss = run_isolated(cmd, 600, args.parent_as_mb * MB)
    problems = []
    if code != 1:
        problems.append("exit %s, expected 1" % code)
    if "新增 1 份报告" not in err or ("%d 个文件失败" % len(files)) not in err:
        problems.append("not 1 stored and %d failed" % len(files))
    if rss > args.rss_limit_mb:
        problems.append("peak RSS %.0f MB over %d MB" % (rss, args.rss_limit_mb))
    print("%-30s %5s %8.1f %9.0f  %s" % ("import-%d-hostile+1-report" % len(files), code, secs, rss,
                                         err.strip().splitlines()[-1][:160] if err.strip() else ""))
    if problems:
        print("  FAIL: " + "; ".join(problems))
        print("  stderr: " + err[-2000:])
        return 1
    return 0


def extract_json(gongkai, path):
    proc = subprocess.run([gongkai, "extract", path], capture_output=True, timeout=300)
    if proc.returncode != 0:
        return None, proc.stderr.decode("utf-8", "replace")
    import json
    return json.loads(proc.stdout), proc.stderr.decode("utf-8", "replace")


def cells(report):
    """Every table value of a report (numbers and nulls), by place."""
    out = {}

    def walk(v, at):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, at + "/" + k)
        elif isinstance(v, list):
            for i, x in enumerate(v):
                walk(x, at + "/" + str(i))
        elif v is None or isinstance(v, (int, float)):
            out[at] = v
    for t in ("table2", "table3", "table4"):
        walk(report.get(t), t)
    return out


def check_encodings(args):
    """Encodings that must not lose a report: each damaged or re-encoded copy
    of a seed reads to the same agency, year and table values as the clean
    file, with a finding that names what was repaired where it says so."""
    work = args.work
    fixtures = os.path.join(args.source, "tests", "fixtures")
    text = open(os.path.join(fixtures, "seeds", "000-qiaokou-approval-2023.txt"), "rb").read()
    # The HTML seed is GB2312 as published; its UTF-8 copy is the clean page.
    legacy = open(os.path.join(fixtures, "html", "000-qiaokou-approval-2023.html"), "rb").read()
    html = legacy.decode("gb18030").replace('charset="gb2312"', 'charset="utf-8"').encode("utf-8")
    body = html.find(b"<body")
    mid = len(text) // 2
    while text[mid] & 0xC0 == 0x80:  # the start of a character
        mid += 1
    hmid = html.find(b"</p>", len(html) // 3)
    # UTF-8 bytes under the page's original declaration of GB2312.
    declared = html.replace(b'charset="utf-8"', b'charset="gb2312"')
    assert declared != html
    variants = [
        # (name, clean, bytes, words a finding must hold (any one), clean suffix)
        ("utf8-one-bad-byte.txt", text, text[:mid] + b"\xff" + text[mid:], ["UTF-8"]),
        ("utf8-truncated-last-char.txt", text, text + "报".encode()[:2], ["UTF-8"]),
        ("nul-bytes.txt", text, text[:mid] + b"\x00\x00" + text[mid:], ["NUL", "空字符"]),
        ("html-nul-in-body.html", html, html[:hmid] + b"\x00" + html[hmid:], ["NUL", "空字符"]),
        ("html-utf16le-bom.html", html, b"\xff\xfe" + html.decode("utf-8").encode("utf-16-le"), []),
        ("html-utf16be-no-bom.html", html, html.decode("utf-8").encode("utf-16-be"), []),
        ("html-utf32le-bom.html", html, html.decode("utf-8").encode("utf-32"), []),
        ("html-declares-gb2312.html", html, declared, []),
    ]
    assert body > 0
    failed = 0
    clean_cache = {}
    for name, clean, data, words in variants:
        path = os.path.join(work, name)
        with open(path, "wb") as out:
            out.write(data)
        key = id(clean)
        if key not in clean_cache:
            ext = ".txt" if clean is text else ".html"
            cpath = os.path.join(work, "clean" + ext)
            with open(cpath, "wb") as out:
                out.write(clean)
            clean_cache[key] = extract_json(args.gongkai, cpath)[0]
        want = clean_cache[key]
        got, err = extract_json(args.gongkai, path)
        problems = []
        if got is None:
            problems.append("not read: " + err[-300:])
        else:
            for k in ("agency", "year"):
                if got["meta"].get(k) != want["meta"].get(k):
                    problems.append("%s %r, clean file %r" % (k, got["meta"].get(k), want["meta"].get(k)))
            a, b = cells(want), cells(got)
            lost = [k for k in a if a[k] is not None and b.get(k) != a[k]]
            if lost:
                problems.append("%d table value(s) differ from the clean file" % len(lost))
            if words:
                said = " ".join(f.get("message", "") for f in got.get("findings", []))
                if not any(w in said for w in words):
                    problems.append("no finding says %s" % " or ".join(words))
        print("%-30s %5s %8s %9s  %s" % ("encoding-" + name, "ok" if not problems else "FAIL", "", "",
                                         "" if got is None else "%s %s年, %d 个数值" %
                                         (got["meta"].get("agency"), got["meta"].get("year"),
                                          sum(v is not None for v in cells(got).values()))))
        if problems:
            failed += 1
            print("  FAIL: " + "; ".join(problems))
    return failed


def check_serve(args):
    """Uploads to `gongkai serve` are read under the same budgets: a hostile
    upload fails with the budget's reason and the real report beside it is
    stored."""
    import http.client
    import json
    import re
    import uuid
    work = args.work
    db = os.path.join(work, "serve.db")
    password = "hostile-password-1"
    subprocess.run([args.gongkai, "user", "add", "rev", "--role", "reviewer", "--password-stdin", "--db", db],
                   input=password + "\n", text=True, capture_output=True, check=True)
    proc = subprocess.Popen([args.gongkai, "serve", "--db", db, "--listen", "127.0.0.1:0", "--time-limit", "4",
                             "--import-threads", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    problems = []
    try:
        port = None
        for _ in range(20):
            m = re.search(r"127\.0\.0\.1:(\d+)", proc.stdout.readline())
            if m:
                port = int(m.group(1))
                break
        if port is None:
            raise RuntimeError("serve did not start")

        def request(method, path, body=None, headers=None):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            data = r.read()
            h = {k.lower(): v for k, v in r.getheaders()}
            conn.close()
            return r.status, (json.loads(data) if data else None), h

        st, body, h = request("POST", "/api/v1/session", json.dumps({"username": "rev", "password": password}),
                              {"Content-Type": "application/json"})
        cookie = re.match(r"gongkai_session=([0-9a-f]+)", h.get("set-cookie", "")).group(1)
        auth = {"Cookie": "gongkai_session=" + cookie, "X-CSRF-Token": body["csrf_token"]}
        seed = os.path.join(args.source, "tests", "fixtures", "seeds", "000-qiaokou-approval-2023.txt")
        files = [("huge.png", png(20000, 20000)), ("blank-40.pdf", blank_pages_pdf(40)),
                 ("report.txt", open(seed, "rb").read())]
        boundary = uuid.uuid4().hex
        out = bytearray()
        for name, data in files:
            out += ("--%s\r\nContent-Disposition: form-data; name=\"files\"; filename=\"%s\"\r\n"
                    "Content-Type: application/octet-stream\r\n\r\n" % (boundary, name)).encode()
            out += data + b"\r\n"
        out += ("--%s--\r\n" % boundary).encode()
        st, body, _ = request("POST", "/api/v1/imports", bytes(out),
                              dict(auth, **{"Content-Type": "multipart/form-data; boundary=" + boundary}))
        if st != 202:
            raise RuntimeError("upload: %s %s" % (st, body))
        job = None
        deadline = time.time() + 180
        while time.time() < deadline:
            st, job, _ = request("GET", "/api/v1/imports/%d" % body["import_id"], headers=auth)
            if st == 200 and job["state"] == "done":
                break
            time.sleep(0.3)
        reasons = {f["file"]: f["zh"] + " / " + f["en"] for f in job.get("failures", [])}
        if job.get("reports_new") != 1:
            problems.append("reports_new %s, expected 1" % job.get("reports_new"))
        if "图片的像素" not in reasons.get("huge.png", ""):
            problems.append("huge.png: %r" % reasons.get("huge.png"))
        if "读取时间" not in reasons.get("blank-40.pdf", ""):
            problems.append("blank-40.pdf (--time-limit 4): %r" % reasons.get("blank-40.pdf"))
        summary = "; ".join("%s: %s" % (k, v[:60]) for k, v in sorted(reasons.items()))
    except Exception as e:  # noqa: BLE001 - reported as a failure of this check
        problems.append(str(e))
        summary = ""
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
    print("%-30s %5s %8s %9s  %s" % ("serve-upload-budgets", "ok" if not problems else "FAIL", "", "", summary[:160]))
    if problems:
        print("  FAIL: " + "; ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
