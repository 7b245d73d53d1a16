#!/usr/bin/env python3
"""API tests of `gongkai serve` (ctest label api): every route, every role
and every refusal, a review that survives the re-import of a changed
revision, and an import that survives a restart of the server.

usage: api_test.py GONGKAI_BINARY SOURCE_DIR
Standard library only (urllib, zipfile): no pip packages.
"""
import http.client
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile

GONGKAI, SRC = sys.argv[1], sys.argv[2]
FIX = os.path.join(SRC, "tests", "fixtures")
FAILED = []
ANSWERED = []  # (method, path without query, status) of every request, for the route coverage check


def check(cond, what):
    if cond:
        print("ok   ", what)
    else:
        print("FAIL ", what)
        FAILED.append(what)


class Server:
    def __init__(self, db, *extra, scheme="http"):
        self.db = db
        self.proc = subprocess.Popen(
            [GONGKAI, "serve", "--db", db, "--listen", "127.0.0.1:0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.port = None
        self.banner = []
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.banner.append(line)
            m = re.search(r"gongkai serve: " + scheme + r"://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                return
        raise RuntimeError("server did not start: " + "".join(self.banner) + self.proc.stderr.read())

    def stop(self, sig=signal.SIGTERM):
        self.proc.send_signal(sig)
        try:
            out, err = self.proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise
        return self.proc.returncode, out, err


class Client:
    def __init__(self, server):
        self.server = server
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, headers=None, csrf=True, raw=False):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=120)
        h = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode()
            h.setdefault("Content-Type", "application/json")
        if self.cookie:
            h["Cookie"] = "gongkai_session=" + self.cookie
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        headers = {k.lower(): v for k, v in r.getheaders()}
        conn.close()
        ANSWERED.append((method, path.split("?")[0], r.status))
        if raw:
            return r.status, data, headers
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = data
        return r.status, parsed, headers

    def login(self, user, password):
        status, body, headers = self.request("POST", "/api/v1/session", {"username": user, "password": password})
        if status == 200:
            m = re.match(r"gongkai_session=([0-9a-f]+)", headers.get("set-cookie", ""))
            self.cookie = m.group(1) if m else None
            self.csrf = body["csrf_token"]
        return status, body, headers

    def upload(self, files, csrf=True):
        boundary = uuid.uuid4().hex
        out = io.BytesIO()
        for name, data in files:
            out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
                      "Content-Type: application/octet-stream\r\n\r\n".encode())
            out.write(data)
            out.write(b"\r\n")
        out.write(f"--{boundary}--\r\n".encode())
        return self.request("POST", "/api/v1/imports", out.getvalue(),
                            {"Content-Type": "multipart/form-data; boundary=" + boundary}, csrf=csrf)

    def wait_import(self, job, timeout=180):
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, body, _ = self.request("GET", f"/api/v1/imports/{job}")
            if status == 200 and body["state"] == "done":
                return body
            time.sleep(0.2)
        raise RuntimeError(f"import {job} did not finish")


def is_error(body, code=None):
    return (isinstance(body, dict) and "error" in body and body["error"].get("zh") and body["error"].get("en")
            and (code is None or body["error"]["code"] == code))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def add_user(db, name, role, password):
    r = subprocess.run([GONGKAI, "user", "add", name, "--role", role, "--password-stdin", "--db", db],
                       input=password + "\n", text=True, capture_output=True)
    return r.returncode


def main():
    tmp = tempfile.mkdtemp(prefix="gongkai-api-")
    try:
        doc = run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    check_every_route_answered(doc)
    if FAILED:
        print(f"{len(FAILED)} check(s) failed:", *FAILED, sep="\n  ")
        sys.exit(1)
    print("all API checks passed")


def run(tmp):
    db = os.path.join(tmp, "corpus.db")
    # ---------------------------------------------------------- accounts (CLI)
    check(add_user(db, "admin", "admin", "short") != 0, "user add refuses a password under 8 characters")
    check(add_user(db, "admin", "admin", "admin-password-1") == 0, "user add admin")
    check(add_user(db, "admin", "admin", "admin-password-1") != 0, "user add refuses an existing name")
    check(add_user(db, "rev", "reviewer", "reviewer-password") == 0, "user add reviewer")
    check(add_user(db, "view", "viewer", "viewer-password") == 0, "user add viewer")
    check(add_user(db, "gone", "viewer", "gone-password") == 0, "user add a fourth")
    r = subprocess.run([GONGKAI, "user", "add", "unitcli", "--role", "viewer", "--agency", "某区民政局", "--password-stdin",
                        "--db", db], input="unitcli-password\n", text=True, capture_output=True)
    check(r.returncode == 0 and "某区民政局" in r.stderr, "user add --agency: a unit account")
    ls = subprocess.run([GONGKAI, "user", "ls", "--db", db], capture_output=True, text=True)
    check(ls.returncode == 0 and "rev\treviewer" in ls.stdout and "hash" not in ls.stdout, "user ls")
    check(any(line.startswith("unitcli\tviewer\t") and line.endswith("\t某区民政局") for line in ls.stdout.splitlines()),
          "user ls shows a unit's agency")
    check(subprocess.run([GONGKAI, "user", "rm", "unitcli", "--db", db], capture_output=True).returncode == 0, "user rm a unit")
    r = subprocess.run([GONGKAI, "user", "passwd", "gone", "--password-stdin", "--db", db],
                       input="gone-password-2\n", text=True, capture_output=True)
    check(r.returncode == 0, "user passwd")
    check(subprocess.run([GONGKAI, "user", "rm", "gone", "--db", db], capture_output=True).returncode == 0, "user rm")

    # A store with no user: the server says how to create one.
    empty = os.path.join(tmp, "empty.db")
    subprocess.run([GONGKAI, "user", "ls", "--db", empty], capture_output=True)
    s0 = Server(empty)
    check(any("gongkai user add" in line for line in s0.banner), "no user: serve prints how to create one")
    s0.stop()

    srv = Server(db, "--upload-limit-mb", "1", "--import-threads", "2", "--import-chunk", "4")
    anon = Client(srv)
    admin, rev, view = Client(srv), Client(srv), Client(srv)
    try:
        # ------------------------------------------------------ open routes
        st, body, h = anon.request("GET", "/api/v1/health")
        check(st == 200 and body == {"ok": True}, "GET /health without a session")
        check("default-src 'self'" in h.get("content-security-policy", "") and h.get("x-content-type-options") == "nosniff",
              "CSP and nosniff headers")
        st, doc, _ = anon.request("GET", "/api/v1/openapi.json")
        check(st == 200 and doc["openapi"].startswith("3."), "GET /openapi.json")
        st, body, _ = anon.request("GET", "/api/v1/reports")
        check(st == 401 and is_error(body, "no_session"), "401 without a session")
        st, body, _ = anon.request("GET", "/api/v1/session")
        check(st == 401, "GET /session without one: 401")
        st, body, _ = anon.request("GET", "/api/v1/nothing-here")
        check(st == 404 and is_error(body), "unknown API route: 404 with zh+en")

        # ------------------------------------------------------ login
        st, body, _ = anon.request("POST", "/api/v1/session", "{not json")
        check(st == 400 and is_error(body, "bad_json"), "400 on bad JSON with zh+en")
        st, body, _ = anon.request("POST", "/api/v1/session", {"username": "admin"})
        check(st == 400 and is_error(body, "missing_field"), "400 on a missing field")
        st, body, h = admin.login("admin", "admin-password-1")
        cookie = h.get("set-cookie", "")
        check(st == 200 and body["role"] == "admin" and body["csrf_token"], "login admin")
        check("HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie,
              "session cookie HttpOnly, SameSite=Strict (no Secure without TLS)")
        st, body, _ = admin.request("GET", "/api/v1/session")
        check(st == 200 and body["user"] == "admin" and body["csrf_token"] == admin.csrf, "GET /session")
        check(rev.login("rev", "reviewer-password")[0] == 200, "login reviewer")
        check(view.login("view", "viewer-password")[0] == 200, "login viewer")
        st, _, _ = Client(srv).login("gone", "gone-password-2")
        check(st == 401, "a removed user cannot log in")

        # ------------------------------------------------------ users (admin)
        st, body, _ = admin.request("GET", "/api/v1/users")
        check(st == 200 and {u["name"] for u in body["items"]} == {"admin", "rev", "view"}, "GET /users")
        st, body, _ = admin.request("POST", "/api/v1/users", {"name": "x", "role": "viewer", "password": "password-x"},
                                    csrf=False)
        check(st == 403 and is_error(body, "csrf"), "403 without the CSRF token")
        st, body, _ = admin.request("POST", "/api/v1/users", {"name": "x", "role": "viewer", "password": "password-x"},
                                    headers={"X-CSRF-Token": "0" * 64}, csrf=False)
        check(st == 403 and is_error(body, "csrf"), "403 with a wrong CSRF token")
        st, body, _ = admin.request("POST", "/api/v1/users", {"name": "x", "role": "viewer", "password": "password-x"})
        check(st == 201 and body == {"name": "x", "role": "viewer"}, "POST /users")
        st, body, _ = admin.request("POST", "/api/v1/users", {"name": "x", "role": "viewer", "password": "password-x"})
        check(st == 409 and is_error(body), "POST /users: 409 if it exists")
        st, body, _ = admin.request("POST", "/api/v1/users", {"name": "y", "role": "viewer", "password": "short"})
        check(st == 400 and is_error(body), "POST /users: 400 on a weak password")
        st, body, _ = admin.request("POST", "/api/v1/users", {"name": "y", "role": "king", "password": "password-y"})
        check(st == 400 and is_error(body, "bad_role"), "POST /users: 400 on an unknown role")
        st, body, _ = admin.request("PUT", "/api/v1/users/x", {"role": "reviewer", "password": "password-x2"})
        check(st == 200 and body == {"name": "x", "role": "reviewer"}, "PUT /users/{name}")
        st, body, _ = admin.request("PUT", "/api/v1/users/nobody", {"role": "viewer"})
        check(st == 404 and is_error(body), "PUT /users/{name}: 404")
        st, body, _ = admin.request("DELETE", "/api/v1/users/admin")
        check(st == 400 and is_error(body, "self_delete"), "DELETE /users/{name}: cannot delete yourself")
        st, _, _ = admin.request("DELETE", "/api/v1/users/x")
        check(st == 204, "DELETE /users/{name}")
        for c, who in ((rev, "reviewer"), (view, "viewer")):
            st, body, _ = c.request("GET", "/api/v1/users")
            check(st == 403 and is_error(body, "forbidden"), f"GET /users: 403 for a {who}")
            st, body, _ = c.request("GET", "/api/v1/audit-log")
            check(st == 403, f"GET /audit-log: 403 for a {who}")
            st, body, _ = c.request("POST", "/api/v1/users", {"name": "z", "role": "admin", "password": "password-z"})
            check(st == 403, f"POST /users: 403 for a {who}")

        # ------------------------------------------------------ imports
        seeds = sorted(f for f in os.listdir(os.path.join(FIX, "seeds")) if f.endswith(".txt"))
        files = [(f, read(os.path.join(FIX, "seeds", f))) for f in seeds]
        zbuf = io.BytesIO()
        with zipfile.ZipFile(zbuf, "w") as z:
            variants = sorted(f for f in os.listdir(os.path.join(FIX, "variants")) if f.endswith(".txt"))[:4]
            for f in variants:
                z.writestr("variants/" + f, read(os.path.join(FIX, "variants", f)))
            z.writestr("../../escape.pdf", b"%PDF-1.4 no pages")
        files.append(("../../batch.zip", zbuf.getvalue()))
        files.append(("garbage.pdf", b"%PDF-1.4 not really a pdf"))
        st, body, _ = view.upload(files)
        check(st == 403, "POST /imports: 403 for a viewer")
        st, body, _ = rev.upload(files, csrf=False)
        check(st == 403, "POST /imports: 403 without the CSRF token")
        st, body, _ = rev.upload([])
        check(st == 400 and is_error(body), "POST /imports: 400 without files")
        st, body, _ = rev.upload(files)
        check(st == 202 and isinstance(body.get("import_id"), int), "POST /imports: 202")
        job = rev.wait_import(body["import_id"])
        check(job["files_total"] == len(seeds) + len(variants) + 1 + 1 and job["files_done"] == job["files_total"],
              "import: every file and zip entry done")
        check(job["reports_new"] == len(job["report_ids"]) and job["reports_new"] >= len(seeds),
              f"import: new reports with their ids ({job['reports_new']})")
        check(job["reports_new"] + job["reports_existing"] + len(job["failures"]) == job["files_total"],
              "import: new + existing + failed = total")
        names = {f["file"]: f for f in job["failures"]}
        check("garbage.pdf" in names and names["garbage.pdf"]["zh"] and names["garbage.pdf"]["en"],
              "import: a failed file with its zh+en reason")
        check(any(n.startswith("batch.zip!/") and "escape.pdf" in n for n in names), "import: zip entry failures named")
        check(not os.path.exists(os.path.join(tmp, "escape.pdf")) and not os.path.exists(os.path.join(os.path.dirname(tmp), "escape.pdf")),
              "import: zip entries never written outside the store")
        uploads = os.path.join(tmp, "corpus.db.uploads")
        check(all(re.fullmatch(r"[0-9a-f]{64}", n) for n in os.listdir(uploads)),
              "uploads are kept by content hash, never by the client's name")
        st, body, _ = view.request("GET", "/api/v1/imports")
        check(st == 200 and body["items"][0]["id"] == job["id"], "GET /imports (newest first)")
        st, body, _ = view.request("GET", "/api/v1/imports/999")
        check(st == 404 and is_error(body), "GET /imports/{id}: 404")
        st, body, _ = rev.upload(files[:2])
        again = rev.wait_import(body["import_id"])
        check(again["reports_new"] == 0 and again["reports_existing"] == 2, "re-upload: reports already stored")

        # 413: over the limit and nothing stored.
        before = sorted(os.listdir(uploads))
        jobs_before = len(view.request("GET", "/api/v1/imports")[1]["items"])
        st, body, _ = rev.upload([("big.txt", b"x" * (2 * 1024 * 1024))])
        check(st == 413 and is_error(body, "too_large"), "413 over the upload limit")
        check(sorted(os.listdir(uploads)) == before and len(view.request("GET", "/api/v1/imports")[1]["items"]) == jobs_before,
              "413: nothing stored")

        # ------------------------------------------------------ reports
        st, body, _ = view.request("GET", "/api/v1/reports")
        check(st == 200 and body["total"] == len(body["items"]) and body["total"] >= len(seeds), "GET /reports")
        item = body["items"][0]
        check(set(item) >= {"id", "agency", "region", "year", "format_version", "published_on", "counts", "review",
                            "late", "revision"}, "report items have the contract's keys")
        total = body["total"]
        st, body, _ = view.request("GET", "/api/v1/reports?limit=2&offset=1&sort=agency&order=desc")
        check(st == 200 and len(body["items"]) == 2 and body["total"] == total, "GET /reports paging")
        st, body, _ = view.request("GET", "/api/v1/reports?year=2023")
        check(st == 200 and all(i["year"] == 2023 for i in body["items"]) and body["total"] > 0, "GET /reports?year=")
        st, body, _ = view.request("GET", "/api/v1/reports?severity=error")
        check(st == 200 and all(i["counts"]["error"] > 0 for i in body["items"]), "GET /reports?severity=")
        for bad in ("year=abc", "limit=501", "sort=colour", "severity=fatal", "review=maybe"):
            st, body, _ = view.request("GET", "/api/v1/reports?" + bad)
            check(st == 400 and is_error(body), f"GET /reports?{bad}: 400")
        st, body, _ = view.request("GET", "/api/v1/reports?agency=" + urlq("硚口"))
        check(st == 200, "GET /reports?agency= (fuzzy)")

        # The report with findings, for the review checks.
        st, listing, _ = view.request("GET", "/api/v1/reports?limit=500")
        # The seed with the most findings (its bytes are known here).
        shown = []
        for i in listing["items"]:
            st, r, _ = view.request("GET", f"/api/v1/reports/{i['id']}")
            if r["corpus"]["source_name"] in dict(files) and r["findings"]:
                shown.append((len(r["findings"]), i, r))
        _, target, rep = max(shown, key=lambda t: t[0])
        check(st == 200 and rep["schema"] == "gongkai.report/1" and rep["corpus"]["id"] == target["id"],
              "GET /reports/{id}")
        check(rep["findings"] and all(isinstance(f["id"], str) and f["review"]["status"] == "open" and f["review"]["by"] is None
                                      for f in rep["findings"]), "findings carry id and review (open)")
        st, body, _ = view.request("GET", "/api/v1/reports/99999")
        check(st == 404 and is_error(body), "GET /reports/{id}: 404")
        st, data, h = view.request("GET", f"/api/v1/reports/{target['id']}/source", raw=True)
        src_name = rep["corpus"]["source_name"]
        original = dict(files).get(src_name)
        check(st == 200 and original is not None and data == original, "GET /reports/{id}/source: the bytes imported")
        check("filename*=UTF-8''" in h.get("content-disposition", ""), "source: Content-Disposition (RFC 5987)")

        # ------------------------------------------------------ reviews
        finding = rep["findings"][0]
        fid = finding["id"]
        st, body, _ = view.request("PUT", f"/api/v1/findings/{fid}/review", {"status": "confirmed", "comment": "x"})
        check(st == 403 and is_error(body, "forbidden"), "PUT review: 403 for a viewer")
        st, body, _ = rev.request("PUT", f"/api/v1/findings/{fid}/review", {"status": "confirmed"}, csrf=False)
        check(st == 403 and is_error(body, "csrf"), "PUT review: 403 without the CSRF token")
        st, body, _ = rev.request("PUT", f"/api/v1/findings/{fid}/review", "[1,2")
        check(st == 400 and is_error(body, "bad_json"), "PUT review: 400 on bad JSON")
        st, body, _ = rev.request("PUT", f"/api/v1/findings/{fid}/review", {"status": "maybe"})
        check(st == 400 and is_error(body, "bad_status"), "PUT review: 400 on an unknown status")
        st, body, _ = rev.request("PUT", "/api/v1/findings/1-999/review", {"status": "confirmed"})
        check(st == 404 and is_error(body), "PUT review: 404 for an unknown finding")
        st, body, _ = rev.request("PUT", f"/api/v1/findings/{fid}/review", {"status": "dismissed", "comment": "先误判"})
        check(st == 200 and body["status"] == "dismissed" and body["by"] == "rev" and body["at"], "PUT review")
        st, body, _ = rev.request("PUT", f"/api/v1/findings/{fid}/review", {"status": "confirmed", "comment": "确认，需整改"})
        check(st == 200 and body["status"] == "confirmed" and body["comment"] == "确认，需整改", "PUT review again")
        st, body, _ = view.request("GET", f"/api/v1/reports/{target['id']}")
        check(body["findings"][0]["review"]["status"] == "confirmed" and body["findings"][0]["review"]["by"] == "rev",
              "the report shows the review")
        st, body, _ = view.request("GET", "/api/v1/reports?review=confirmed")
        check(st == 200 and [i["id"] for i in body["items"]] == [target["id"]] and body["items"][0]["review"]["confirmed"] >= 1,
              "GET /reports?review=confirmed")
        st, body, _ = view.request("GET", f"/api/v1/findings/{fid}/reviews")
        check(st == 200 and [r["status"] for r in body["items"]] == ["dismissed", "confirmed"], "GET review history, oldest first")
        st, page, h = view.request("GET", f"/api/v1/reports/{target['id']}/notice?format=html", raw=True)
        text = page.decode()
        check(st == 200 and h["content-type"].startswith("text/html") and "整改通知" in text and (rep["meta"]["agency"] or "") in text,
              "GET notice (html): the unit's 整改通知")
        st, data, h = view.request("GET", f"/api/v1/reports/{target['id']}/notice?format=docx", raw=True)
        ok = False
        if st == 200 and data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                ok = "整改通知" in z.read("word/document.xml").decode()
        check(ok and "attachment" in h.get("content-disposition", ""), "GET notice (docx): a Word document")
        st, body, _ = view.request("GET", f"/api/v1/reports/{target['id']}/notice?format=pdf")
        check(st == 400, "GET notice: 400 on an unknown format")

        # A changed revision of the same report: the review carries over.
        changed = original + "\n（本报告于发布后更正。）\n".encode()
        st, body, _ = rev.upload([(src_name, changed)])
        j = rev.wait_import(body["import_id"])
        check(j["reports_new"] == 1, "changed revision imported")
        new_id = j["report_ids"][0]
        st, rep2, _ = view.request("GET", f"/api/v1/reports/{new_id}")
        check(rep2["corpus"]["revision"] == rep["corpus"]["revision"] + 1 and len(rep2["corpus"]["revisions"]) >= 2,
              "new revision with its history")
        same = [f for f in rep2["findings"] if f["rule"] == finding["rule"] and f["table"] == finding["table"]
                and f["row"] == finding["row"] and f["column"] == finding["column"]]
        check(same and same[0]["review"]["status"] == "confirmed" and same[0]["review"]["comment"] == "确认，需整改",
              "the review carries over to the new revision")
        st, body, _ = view.request("GET", f"/api/v1/findings/{same[0]['id']}/reviews")
        check(len(body["items"]) == 2, "the history carries over too")

        # ------------------------------------------------------ corpus questions
        st, body, _ = view.request("GET", "/api/v1/coverage?year=2023")
        body_units = body.get("units", [])
        check(st == 200 and set(body["counts"]) == {"expected", "published", "missing", "late", "date_unknown",
                                                      "with_errors", "outside_list"}
              and body["units"], "GET /coverage")
        # Lateness of a report without a known date is 无法判断: counted and listed, never "on time".
        check(body["counts"]["date_unknown"] == len(body["date_unknown"])
              and all(r["published_on"] is None for r in body["date_unknown"])
              and all(u["status"] == "published" and not u["late"] for u in body["units"] if u["date_unknown"])
              and sum(1 for u in body["units"] if u["date_unknown"]) <= body["counts"]["date_unknown"],
              "GET /coverage: date_unknown counted and listed")
        st, body, _ = view.request("GET", "/api/v1/coverage")
        check(st == 400 and is_error(body), "GET /coverage: 400 without year")
        # The 应报单位名单 uploaded (XLSX or CSV): coverage then expects exactly its units.
        published_unit = next(u["name"] for u in body_units if u["status"] == "published")
        names = f"单位名称\n{published_unit}\n某市某区未报送局\n".encode()
        data, h = multipart([("file", "应报单位名单.csv", names)])
        st, body, _ = view.request("PUT", "/api/v1/regions", data, h)
        check(st == 403 and is_error(body), "PUT /regions: a viewer may not replace the hierarchy")
        st, body, _ = admin.request("PUT", "/api/v1/regions", data, h, csrf=False)
        check(st == 403 and is_error(body), "PUT /regions: 403 without the CSRF header")
        st, body, _ = admin.request("PUT", "/api/v1/regions", data, h)
        check(st == 200 and body["loaded"] == 2 and all(r["must_report"] and r["reports"] for r in body["items"]),
              "PUT /regions: the list of units loaded, each must report")
        st, body, _ = view.request("GET", "/api/v1/coverage?year=2023")
        check(st == 200 and body["counts"]["expected"] == 2 and body["missing"] == ["某市某区未报送局"]
              and body["counts"]["outside_list"] == len(body["outside_list"]) >= 1
              and published_unit not in body["outside_list"]
              and "某市某区未报送局" in [u["name"] for u in body["units"] if u["status"] == "missing"]
              and any(u["name"] == published_unit and u["status"] == "published" for u in body["units"]),
              "GET /coverage after the list: the listed unit without a report is missing, the listed one that published is not")
        data, h = multipart([("file", "名单.csv", b"\xef\xbb\xbf\xe5\x90\x8d\xe7\xa7\xb0\n")])
        st, body, _ = admin.request("PUT", "/api/v1/regions", data, h)
        check(st == 400 and is_error(body, "bad_regions") and body["error"]["zh"], "PUT /regions: a file without names: 400 in Chinese")
        data, h = multipart([("name", None, b"x")])
        st, body, _ = admin.request("PUT", "/api/v1/regions", data, h)
        check(st == 400 and is_error(body, "missing_field"), "PUT /regions without a file: 400")
        st, body, _ = view.request("GET", "/api/v1/stats?year=2023")
        check(st == 200 and body["items"] and "disclosure" in body["total"], "GET /stats")
        st, body, _ = view.request("GET", "/api/v1/trend")
        check(st == 200 and {i["year"] for i in body["items"]} >= {2023}, "GET /trend")
        st, body, _ = view.request("GET", "/api/v1/rollup?year=2023")
        check(st == 200 and body["report"]["schema"] == "gongkai.report/1" and body["included"], "GET /rollup")
        st, body, _ = view.request("GET", "/api/v1/rollup")
        check(st == 400, "GET /rollup: 400 without year")
        ids = [i["id"] for i in listing["items"][:2]]
        st, body, _ = view.request("GET", f"/api/v1/compare?a={ids[0]}&b={ids[1]}")
        check(st == 200 and len(body["reports"]) == 2 and body["deltas"] and all(len(d["values"]) == 2 for d in body["deltas"]),
              "GET /compare?a=&b=")
        st, body, _ = view.request("GET", "/api/v1/compare")
        check(st == 400 and is_error(body), "GET /compare: 400 without agency or ids")
        st, body, _ = view.request("GET", f"/api/v1/compare?a={ids[0]}&b=99999")
        check(st == 404, "GET /compare: 404 for an unknown report")
        for fmt, sniff in (("csv", None), ("jsonl", b"gongkai.report/1"), ("xlsx", b"PK")):
            st, data, h = view.request("GET", f"/api/v1/export?format={fmt}&year=2023", raw=True)
            check(st == 200 and "attachment" in h.get("content-disposition", "") and data and (sniff is None or sniff in data[:200]),
                  f"GET /export?format={fmt}")
        st, body, _ = view.request("GET", "/api/v1/export?format=doc")
        check(st == 400, "GET /export: 400 on an unknown format")
        st, long_csv, _ = view.request("GET", "/api/v1/export?format=csv&year=2023", raw=True)
        st2, wide_csv, _ = view.request("GET", "/api/v1/export?format=csv&layout=wide&year=2023", raw=True)
        # The CLI's layouts: one row per report (wide) has fewer, longer lines than one per cell (long).
        check(st == 200 and st2 == 200 and wide_csv.startswith(b"\xef\xbb\xbf")
              and 1 < wide_csv.count(b"\n") < long_csv.count(b"\n"), "GET /export?format=csv&layout=wide")
        st, body, _ = view.request("GET", "/api/v1/export?format=csv&layout=tall")
        check(st == 400 and is_error(body), "GET /export: 400 on an unknown layout")
        st, body, _ = view.request("GET", "/api/v1/format")
        check(st == 200 and len(body["sections"]) == 6 and body["review_statuses"]["confirmed"] == "确认问题"
              and len(body["tables"]["table3"]["columns"]) == 7, "GET /format")
        st, body, _ = view.request("GET", "/api/v1/rules")
        check(st == 200 and any(r["id"] == finding["rule"] for r in body["items"]), "GET /rules")
        st, body, _ = view.request("GET", "/api/v1/regions")
        check(st == 200 and "items" in body, "GET /regions")
        st, body, _ = view.request("GET", "/api/v1/years")
        check(st == 200 and 2023 in body["items"] and body["items"] == sorted(body["items"], reverse=True), "GET /years")
        st, body, _ = admin.request("GET", "/api/v1/audit-log?limit=500")
        actions = {e["action"] for e in body["items"]}
        check(st == 200 and {"import", "review", "export", "user.add", "user.rm"} <= actions and body["total"] >= len(body["items"]),
              "GET /audit-log records imports, reviews, exports, user changes")

        # Every route of the OpenAPI document answers (no 404 "no_route").
        for path, ops in doc["paths"].items():
            for method in ops:
                p = path.replace("{id}", str(target["id"]) if "reports" in path or "imports" in path else fid).replace("{name}", "nobody")
                if "imports/" in path:
                    p = f"/api/v1/imports/{job['id']}"
                if method.upper() in ("POST", "PUT", "DELETE"):
                    continue  # exercised above
                st, body, _ = admin.request(method.upper(), p)
                check(not (st == 404 and is_error(body, "no_route")), f"{method.upper()} {path} is routed")

        # ------------------------------------------------------ 填报 (fill)
        fill_section(srv, admin, rev, view)

        # Every route's refusals, from the document's x-role: 401 without a
        # session, 403 for each role below the one it needs, 403 for a
        # state-changing request without the CSRF token. Each is refused
        # before the handler runs, so nothing changes.
        rank = {"viewer": 0, "reviewer": 1, "admin": 2}
        for path, ops in doc["paths"].items():
            p = path.replace("{id}", "1").replace("{name}", "nobody")
            for method, op in ops.items():
                m, need = method.upper(), op["x-role"]
                if need == "none":
                    continue
                st, body, _ = anon.request(m, p, {} if m != "GET" else None)
                check(st == 401 and is_error(body, "no_session"), f"{m} {path}: 401 without a session")
                for c, who in ((view, "viewer"), (rev, "reviewer")):
                    if rank[who] < rank[need]:
                        st, body, _ = c.request(m, p, {} if m != "GET" else None)
                        check(st == 403 and is_error(body, "forbidden"), f"{m} {path}: 403 for a {who}")
                if m != "GET":
                    st, body, _ = admin.request(m, p, {}, csrf=False)
                    check(st == 403 and is_error(body, "csrf"), f"{m} {path}: 403 without the CSRF token")

        # ------------------------------------------------------ static web UI
        webdir = os.path.join(tmp, "web")
        os.makedirs(os.path.join(webdir, "assets"))
        with open(os.path.join(webdir, "index.html"), "w") as f:
            f.write("<!doctype html><title>gongkai</title>")
        with open(os.path.join(webdir, "assets", "app-1234.js"), "w") as f:
            f.write("console.log(1)")
        # ------------------------------------------------------ logout, 429
        st, _, _ = view.request("DELETE", "/api/v1/session")
        check(st == 204, "DELETE /session")
        st, _, _ = view.request("GET", "/api/v1/reports")
        check(st == 401, "after logout: 401")
        bad = Client(srv)
        # One failure from this address already (the removed user): five in all, then 429.
        statuses = [bad.login("admin", "wrong-password")[0] for _ in range(5)]
        check(statuses == [401] * 4 + [429], f"429 after repeated failed logins {statuses}")
        st, body, _ = bad.login("admin", "admin-password-1")
        check(st == 429 and is_error(body), "429 holds even for the right password")
    finally:
        code, out, err = srv.stop()
        check(code == 0 and "已停止" in out, "SIGTERM: the server stops cleanly")

    # ---------------------------------------------------------- static files
    web = Server(db, "--web", webdir)
    try:
        c = Client(web)
        st, data, h = c.request("GET", "/", raw=True)
        check(st == 200 and b"gongkai" in data and h.get("cache-control") == "no-cache", "GET / serves index.html")
        st, data, h = c.request("GET", "/reports/123", raw=True)
        check(st == 200 and b"gongkai" in data, "SPA fallback: /reports/123 serves index.html")
        st, data, h = c.request("GET", "/assets/app-1234.js", raw=True)
        check(st == 200 and "immutable" in h.get("cache-control", "") and h["content-type"].startswith("text/javascript"),
              "hashed assets: long cache")
        st, data, h = c.request("GET", "/../../etc/passwd", raw=True)
        check(b"root:" not in data, "no path outside the web folder")
    finally:
        web.stop()

    # ---------------------------------------------------------- TLS
    if shutil.which("openssl"):
        cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=127.0.0.1"], capture_output=True, check=True)
        tls = Server(db, "--tls-cert", cert, "--tls-key", key, scheme="https")
        try:
            import ssl
            ctx = ssl.create_default_context(cafile=cert)
            ctx.check_hostname = False
            conn = http.client.HTTPSConnection("127.0.0.1", tls.port, context=ctx, timeout=60)
            conn.request("POST", "/api/v1/session", body=json.dumps({"username": "rev", "password": "reviewer-password"}),
                         headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            check(r.status == 200 and "Secure" in (r.getheader("Set-Cookie") or ""), "TLS: login over https, cookie Secure")
        finally:
            tls.stop()

    # ---------------------------------------------------------- restart
    slow = [(f, read(os.path.join(FIX, d, f))) for d in ("pdf", "docx", "html")
            for f in sorted(os.listdir(os.path.join(FIX, d))) if not f.endswith(".json")]
    s1 = Server(db, "--import-threads", "1", "--import-chunk", "1")
    c = Client(s1)
    c.login("rev", "reviewer-password")
    st, body, _ = c.upload(slow)
    job_id = body["import_id"]
    deadline = time.time() + 120
    progress = None
    while time.time() < deadline:
        st, progress, _ = c.request("GET", f"/api/v1/imports/{job_id}")
        if progress["files_done"] >= 1:
            break
        time.sleep(0.05)
    code, _, _ = s1.stop()
    check(code == 0, "SIGTERM during an import: clean stop")
    s2 = Server(db, "--import-threads", "2")
    c.server = s2
    try:
        st, mid, _ = c.request("GET", f"/api/v1/imports/{job_id}")
        check(st == 200, "the session survives a restart")
        check(mid["files_done"] < mid["files_total"] or progress["files_done"] == len(slow),
              f"the import was interrupted ({mid['files_done']}/{mid['files_total']})")
        done = c.wait_import(job_id)
        check(done["files_done"] == done["files_total"] == len(slow), "the import resumed after the restart and finished")
        check(done["reports_new"] + done["reports_existing"] + len(done["failures"]) == len(slow),
              "resumed import: nothing lost or counted twice")
        check(len(set(done["report_ids"])) == len(done["report_ids"]), "resumed import: no duplicate reports")
    finally:
        s2.stop()
    return doc


def multipart(fields):
    """fields: (name, filename or None, bytes)."""
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, filename, data in fields:
        disp = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out.write(f"--{boundary}\r\nContent-Disposition: {disp}\r\n\r\n".encode())
        out.write(data)
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), {"Content-Type": "multipart/form-data; boundary=" + boundary}


def fill_section(srv, admin, rev, view):
    """填报: a unit counts its register, compares its typed Table 三, drafts;
    the office lists who drafted. Rights: a unit drafts its own agency only,
    an office viewer drafts nothing, a unit lists only its own drafts."""
    agency, other = "某市某区人民政府办公室", "某市某区教育局"
    st, body, _ = admin.request("POST", "/api/v1/users", {"name": "unit1", "role": "viewer", "password": "unit1-password",
                                                          "agency": agency})
    check(st == 201 and body.get("agency") == agency, "POST /users with agency: a unit account")
    st, body, _ = admin.request("POST", "/api/v1/users", {"name": "unit2", "role": "viewer", "password": "unit2-password",
                                                          "agency": other})
    check(st == 201, "POST /users: a second unit")
    st, body, _ = admin.request("GET", "/api/v1/users")
    check(st == 200 and {u["name"]: u["agency"] for u in body["items"]}.get("unit1") == agency
          and {u["name"]: u["agency"] for u in body["items"]}.get("admin") is None, "GET /users shows units' agencies")
    unit, unit2 = Client(srv), Client(srv)
    st, body, _ = unit.login("unit1", "unit1-password")
    check(st == 200 and body.get("agency") == agency, "login of a unit: its agency in the session")
    unit2.login("unit2", "unit2-password")
    st, body, _ = admin.request("GET", "/api/v1/session")
    check(st == 200 and body.get("agency") is None, "the office's session has no agency")

    reg = read(os.path.join(FIX, "register", "csv-utf8-2024.csv"))
    expected = json.loads(read(os.path.join(FIX, "register", "csv-utf8-2024.expected.json")))
    data, h = multipart([("file", "台账.csv", reg), ("year", None, b"2024")])
    st, count, _ = unit.request("POST", "/api/v1/fill/register", data, h)
    check(st == 200 and count["report"]["schema"] == "gongkai.report/1" and count["register"]["rows"] > 0,
          "POST /fill/register: the register counted")
    if st != 200:
        return
    check(count["report"]["table3"] == expected["table3"], "POST /fill/register: Table 三 as the register's known answer")
    overdue = [f for f in count["report"]["findings"] if f["rule"] == "register.overdue"]
    check(overdue and all(isinstance(f.get("register_row"), int) and f["facts"]["due"] and f["facts"]["working_days_over"] > 0
                          for f in overdue) and count["counts"]["overdue"] == len(overdue),
          "POST /fill/register: overdue findings with register_row, due date and working days over")
    xlsx = read(os.path.join(FIX, "register", "xlsx-merged-2025.xlsx"))
    xlsx_expected = json.loads(read(os.path.join(FIX, "register", "xlsx-merged-2025.expected.json")))
    data, h = multipart([("file", "台账.xlsx", xlsx), ("year", None, b"2025")])
    st, body, _ = unit.request("POST", "/api/v1/fill/register", data, h)
    check(st == 200 and body["register"]["format"] == "xlsx" and body["report"]["table3"] == xlsx_expected["table3"],
          "POST /fill/register: an XLSX register with merged cells, Table 三 as its known answer")
    # Typed Table 三 beside the count: one cell changed is one difference.
    typed = json.loads(json.dumps(count["report"]))
    typed["findings"] = []
    first = next(iter(typed["table3"]))
    typed["table3"][first][0] = (typed["table3"][first][0] or 0) + 7
    data, h = multipart([("file", "台账.csv", reg), ("year", None, b"2024"), ("report", None, json.dumps(typed).encode())])
    st, body, _ = unit.request("POST", "/api/v1/fill/register", data, h)
    check(st == 200 and body["counts"]["differ"] >= 1
          and any(f["rule"] == "register.against" and f["row"] == first for f in body["report"]["findings"]),
          "POST /fill/register with the typed Table 三: the differing cell listed")
    data, h = multipart([("file", "台账.csv", b"\xef\xbb\xbf\xe5\xa7\x93\xe5\x90\x8d,x\n1,2\n"), ("year", None, b"2024")])
    st, body, _ = unit.request("POST", "/api/v1/fill/register", data, h)
    check(st == 422 and is_error(body, "bad_register") and "台账.csv" in body["error"]["zh"],
          "POST /fill/register: a register without its headers is 422, naming the file")
    data, h = multipart([("file", "台账.csv", reg), ("year", None, b"1999")])
    st, body, _ = unit.request("POST", "/api/v1/fill/register", data, h)
    check(st == 400 and is_error(body, "bad_year"), "POST /fill/register: a year outside the calendar is 400")
    data, h = multipart([("year", None, b"2024")])
    st, body, _ = unit.request("POST", "/api/v1/fill/register", data, h)
    check(st == 400 and is_error(body, "missing_field"), "POST /fill/register without a file: 400")
    data, h = multipart([("file", "台账.csv", reg), ("year", None, b"2024")])
    st, body, _ = unit.request("POST", "/api/v1/fill/register", data, h, csrf=False)
    check(st == 403 and is_error(body, "csrf"), "POST /fill/register without the CSRF token: 403")

    doc = count["report"]
    doc["meta"]["agency"] = agency
    st, body, _ = unit.request("POST", "/api/v1/fill/check", doc)
    check(st == 200 and body["passes"] is True and body["counts"]["error"] == 0
          and body["report"]["table3"] == expected["table3"], "POST /fill/check: the draft read back passes, same Table 三")
    bad = json.loads(json.dumps(doc))
    bad["table3"]["granted"][6] = (bad["table3"]["granted"][6] or 0) + 5  # 总计 column off by 5
    st, body, _ = unit.request("POST", "/api/v1/fill/check", bad)
    check(st == 200 and body["passes"] is False and body["counts"]["error"] >= 1, "POST /fill/check: a wrong total does not pass")
    st, body, _ = unit.request("POST", "/api/v1/fill/check", {"schema": "nope"})
    check(st == 400 and is_error(body, "bad_report"), "POST /fill/check: not a gongkai.report/1 document is 400")

    st, data, h = unit.request("POST", "/api/v1/fill/draft?format=docx", doc, raw=True)
    check(st == 200 and data[:2] == b"PK" and "filename*=UTF-8''" in h.get("content-disposition", "")
          and h.get("x-gongkai-draft-errors") == "0", "POST /fill/draft: the unit's DOCX, no error")
    st, data, h = unit.request("POST", "/api/v1/fill/draft?format=html", doc, raw=True)
    check(st == 200 and agency.encode() in data and h["content-type"].startswith("text/html"), "POST /fill/draft: HTML")
    nameless = json.loads(json.dumps(doc))
    nameless["meta"]["agency"] = None
    st, data, h = unit.request("POST", "/api/v1/fill/draft?format=html", nameless, raw=True)
    check(st == 200 and agency.encode() in data, "POST /fill/draft: a unit's draft without agency gets the unit's")
    st, body, _ = unit2.request("POST", "/api/v1/fill/draft?format=docx", doc)
    check(st == 403 and is_error(body, "other_agency"), "POST /fill/draft: a unit cannot draft another agency's report")
    st, body, _ = view.request("POST", "/api/v1/fill/draft?format=docx", doc)
    check(st == 403 and is_error(body, "forbidden"), "POST /fill/draft: an office viewer does not draft")
    st, body, _ = unit.request("POST", "/api/v1/fill/draft?format=pdf", doc)
    check(st == 400 and is_error(body, "bad_parameter"), "POST /fill/draft: format pdf is 400")
    st, body, _ = unit.request("POST", "/api/v1/fill/draft?format=docx", doc, csrf=False)
    check(st == 403 and is_error(body, "csrf"), "POST /fill/draft without the CSRF token: 403")
    st, data, h = rev.request("POST", "/api/v1/fill/draft?format=docx", bad, raw=True)
    check(st == 200 and int(h.get("x-gongkai-draft-errors", "0")) >= 1, "POST /fill/draft: the office drafts any agency; errors counted")
    other_doc = json.loads(json.dumps(doc))
    other_doc["meta"]["agency"] = "某市某区财政局"
    st, _, _ = rev.request("POST", "/api/v1/fill/draft?format=html", other_doc, raw=True)
    check(st == 200, "POST /fill/draft: the office drafts for an agency without a unit account")

    st, body, _ = admin.request("GET", "/api/v1/fill/drafts?year=2024")
    units = {u["agency"]: u for u in body["units"]} if st == 200 else {}
    check(st == 200 and units.get(agency, {}).get("drafted") is True and units[agency]["passes"] is False
          and units.get(other, {}).get("drafted") is False and units.get("某市某区财政局", {}).get("passes") is True,
          "GET /fill/drafts: the office sees every unit, drafted or not, passing or not")
    item = next((i for i in body.get("items", []) if i["agency"] == agency), {})
    check(item.get("revisions") == 4 and item.get("by") == "rev", "GET /fill/drafts: the latest draft and how many")
    st, body, _ = unit2.request("GET", "/api/v1/fill/drafts?year=2024")
    check(st == 200 and body["agency"] == other and [u["agency"] for u in body["units"]] == [other] and body["items"] == [],
          "GET /fill/drafts: a unit sees only its own agency")
    st, body, _ = view.request("GET", "/api/v1/fill/drafts")
    check(st == 400 and is_error(body, "missing_parameter"), "GET /fill/drafts without year: 400")
    st, body, _ = admin.request("PUT", "/api/v1/users/unit2", {"agency": ""})
    check(st == 200 and "agency" not in body, "PUT /users/{name} with agency '': an office account again")
    st, _, _ = admin.request("DELETE", "/api/v1/users/unit2")
    check(st == 204, "DELETE /users/{name}: a unit account")

def check_every_route_answered(doc):
    """Every route of the OpenAPI document was answered with a 2xx at least once."""
    for path, ops in doc["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(path)) + "$")
        for method in ops:
            ok = any(m == method.upper() and pattern.match(p) and 200 <= st < 300 for m, p, st in ANSWERED)
            check(ok, f"{method.upper()} {path} answered with success at least once")


def urlq(s):
    from urllib.parse import quote
    return quote(s)


if __name__ == "__main__":
    main()
