"""deploy/nginx.conf.example as the server runs it: ``nginx -t``, then both sites served by nginx.

The example is used as shipped; only its addresses, certificate, site folders and password file
are pointed at a temporary folder (every replaced text must be in the file, so the test notices
when the example changes). nginx runs as the current user in the foreground, with its pid, logs
and temporary files in that folder, so nothing on the machine changes.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import gzip
import http.client
import http.server
import re
import socket
import ssl
import subprocess
import threading
import time
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.site.build import Options, build
from tests.casemaker import copy_sample
from tests.deploytools import free_port, need

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)
MASKED_HOST = "taizhang.jiedao.internal"  # the README's host names
FULL_HOST = "taizhang-full.jiedao.internal"
USER, PASSWORD = "xinfangban", "口令-2026"
BANNER = "本网站包含信访人的完整个人信息（姓名、住址）"
ROBOTS = b"User-agent: *\nDisallow: /\n"
HASHED = "public, max-age=31536000, immutable"

MAIN = """\
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/taizhang.conf;
}}
"""


@dataclass(frozen=True)
class Server:
    tmp: Path
    conf: Path
    http: int
    https: int
    masked: Path
    full: Path


def example(tmp: Path, http_port: int, https_port: int, masked: Path, full: Path) -> str:
    """The example with its server-specific texts pointed at tmp; each must be in the file."""
    text = (ROOT / "deploy" / "nginx.conf.example").read_text(encoding="utf-8")
    swaps = {
        "listen 10.0.0.10:80;": f"listen 127.0.0.1:{http_port};",
        "listen 10.0.0.10:443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "/etc/nginx/tls/taizhang.crt": str(tmp / "tls.crt"),
        "/etc/nginx/tls/taizhang.key": str(tmp / "tls.key"),
        "/etc/nginx/taizhang-full.htpasswd": str(tmp / "htpasswd"),
        "/srv/taizhang/masked;": f"{masked};",
        "/srv/taizhang/full;": f"{full};",
    }
    for old, new in swaps.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def credentials(tmp: Path) -> None:
    """A certificate for both host names and a password file, as deploy/README.md makes them."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", tmp / "tls.key", "-out", tmp / "tls.crt", "-subj", f"/CN={MASKED_HOST}",
         "-addext", f"subjectAltName=DNS:{MASKED_HOST},DNS:{FULL_HOST}"],
        check=True, capture_output=True,
    )  # fmt: skip
    hashed = subprocess.run(
        ["openssl", "passwd", "-apr1", "-stdin"],
        input=PASSWORD, text=True, check=True, capture_output=True,
    ).stdout.strip()  # fmt: skip
    (tmp / "htpasswd").write_text(f"{USER}:{hashed}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both sites built from the same sample (masked/ and full/), a certificate, a password file."""
    need("nginx", "nginx")
    tmp = tmp_path_factory.mktemp("sites")
    repo = copy_sample(tmp / "repo")
    for tier in ("masked", "full"):
        build(Options(root=repo, out=tmp / tier, today=TODAY, privacy=tier), today_given=TODAY)
    credentials(tmp)
    return tmp


def configure(built: Path, tmp: Path, text: Callable[[str], str] = str) -> Server:
    """The example (changed by text) pointed at the built sites, nginx's own files in tmp."""
    ports = free_port(), free_port()
    conf = example(built, *ports, built / "masked", built / "full")
    (tmp / "taizhang.conf").write_text(text(conf), encoding="utf-8")
    (tmp / "nginx.conf").write_text(MAIN.format(tmp=tmp), encoding="utf-8")
    return Server(tmp, tmp / "nginx.conf", *ports, built / "masked", built / "full")


@pytest.fixture(scope="module")
def server(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Server:
    return configure(built, tmp_path_factory.mktemp("nginx"))


def nginx(server: Server, *args: str) -> list[str]:
    return [need("nginx", "nginx"), "-p", str(server.tmp), "-c", str(server.conf), *args]


@contextlib.contextmanager
def started(server: Server) -> Iterator[Server]:
    """nginx in the foreground until the block ends."""
    log = server.tmp / "stderr.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(nginx(server), stderr=err)
    try:
        deadline = time.monotonic() + 15
        while True:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", server.https), timeout=1),
            ):
                break
            assert proc.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "nginx 没有在 15 秒内开始监听"
            time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def running(server: Server) -> Iterator[Server]:
    with started(server) as up:
        yield up


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def get(port: int, host: str, path: str, tls: bool = True, **headers: str) -> Reply:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own certificate
    conn = (
        http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=context)
        if tls
        else http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    )
    try:
        conn.request("GET", path, headers={"Host": host, **headers})
        resp = conn.getresponse()
        # nginx sends header bytes as they are in the file (UTF-8); http.client read them as latin-1
        got = {k.lower(): v.encode("latin-1").decode("utf-8") for k, v in resp.getheaders()}
        return Reply(resp.status, got, resp.read())
    finally:
        conn.close()


def masked(server: Server, path: str, **headers: str) -> Reply:
    return get(server.https, MASKED_HOST, path, **headers)


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def full(server: Server, path: str, user: str = USER, password: str = PASSWORD) -> Reply:
    return get(server.https, FULL_HOST, path, Authorization=basic(user, password))


def hashed_assets(site: Path) -> list[str]:
    """Material's scripts and styles whose names carry their content's hash."""
    found = sorted(site.glob("assets/javascripts/**/*.min.js"))
    found += sorted(site.glob("assets/stylesheets/*.min.css"))
    names = ["/" + p.relative_to(site).as_posix() for p in found if "lunr" not in p.parts]
    assert len(names) == 4, names  # bundle, search worker, main and palette styles
    return names


def test_nginx_accepts_the_example(server: Server) -> None:
    done = subprocess.run(nginx(server, "-t"), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"nginx: the configuration file {server.conf} syntax is ok",
        f"nginx: configuration file {server.conf} test is successful",
    ]


def test_pages_and_data_are_revalidated_and_answer_304_when_unchanged(running: Server) -> None:
    for path, file in [
        ("/", "index.html"),
        ("/ledger.html", "ledger.html"),
        ("/data/ledger.json", "data/ledger.json"),
        ("/downloads/ledger-all.xlsx", "downloads/ledger-all.xlsx"),
        ("/assets/taizhang.js", "assets/taizhang.js"),
        ("/assets/vendor/echarts.min.js", "assets/vendor/echarts.min.js"),
        ("/admin/decap-cms.js", "admin/decap-cms.js"),
    ]:
        first = masked(running, path)
        assert (first.status, first.headers["cache-control"]) == (200, "no-cache"), path
        assert first.body == (running.masked / file).read_bytes(), path
        again = masked(running, path, **{"If-None-Match": first.headers["etag"]})
        assert (again.status, again.body) == (304, b""), path
        since = masked(running, path, **{"If-Modified-Since": first.headers["last-modified"]})
        assert (since.status, since.body) == (304, b""), path


def test_the_masked_site_says_what_it_is(running: Server) -> None:
    page = masked(running, "/")
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["x-robots-tag"] == "noindex, nofollow"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "SAMEORIGIN"
    assert BANNER not in page.body.decode("utf-8")
    assert masked(running, "/robots.txt").body == ROBOTS


def test_hashed_material_assets_are_kept_a_year_and_the_rest_not(running: Server) -> None:
    for path in hashed_assets(running.masked):
        reply = masked(running, path)
        assert (reply.status, reply.headers["cache-control"]) == (200, HASHED), path
    lunr = masked(running, "/assets/javascripts/lunr/min/lunr.zh.min.js")
    assert (lunr.status, lunr.headers["cache-control"]) == (200, "no-cache")


def test_big_scripts_travel_compressed(running: Server) -> None:
    reply = masked(running, "/admin/decap-cms.js", **{"Accept-Encoding": "gzip"})
    assert reply.headers["content-encoding"] == "gzip"
    assert gzip.decompress(reply.body) == (running.masked / "admin/decap-cms.js").read_bytes()
    assert len(reply.body) * 2 < (running.masked / "admin/decap-cms.js").stat().st_size
    weak = reply.headers["etag"]  # gzip makes nginx's ETag weak; still answers 304
    again = masked(running, "/admin/decap-cms.js", **{"If-None-Match": weak})
    assert again.status == 304


def test_a_missing_page_gets_the_chinese_404_at_any_depth(running: Server) -> None:
    for path in ("/no-such-page.html", "/cases/dongcun/no/such/page"):
        reply = masked(running, path)
        assert reply.status == 404, path
        assert reply.body == (running.masked / "404.html").read_bytes()
        assert "<h1>找不到这个页面</h1>" in reply.body.decode("utf-8")
        assert reply.headers["cache-control"] == "no-cache"


def test_plain_http_goes_to_https(running: Server) -> None:
    for host in (MASKED_HOST, FULL_HOST):
        reply = get(running.http, host, "/ledger.html?x=1", tls=False)
        assert (reply.status, reply.headers["location"]) == (301, f"https://{host}/ledger.html?x=1")


def test_the_full_site_wants_a_login(running: Server) -> None:
    for reply in (
        get(running.https, FULL_HOST, "/"),
        get(running.https, FULL_HOST, "/data/ledger.json"),
        full(running, "/", password="wrong"),
        full(running, "/", user="nobody"),
    ):
        assert reply.status == 401
        assert reply.headers["www-authenticate"] == 'Basic realm="台账完整版（仅限授权人员）"'
        assert reply.headers["cache-control"] == "private, no-cache"
        assert BANNER not in reply.body.decode("utf-8")


def test_the_full_site_with_a_login_is_private(running: Server) -> None:
    page = full(running, "/")
    assert (page.status, page.headers["cache-control"]) == (200, "private, no-cache")
    assert page.body == (running.full / "index.html").read_bytes()
    assert BANNER in page.body.decode("utf-8")
    assert page.headers["x-robots-tag"] == "noindex, nofollow"
    data = full(running, "/data/ledger.json")
    assert data.body == (running.full / "data/ledger.json").read_bytes()
    assert data.headers["cache-control"] == "private, no-cache"
    for path in hashed_assets(running.full):
        reply = full(running, path)
        assert reply.headers["cache-control"] == "private, max-age=31536000, immutable", path
    missing = full(running, "/no-such-page.html")
    assert missing.status == 404
    assert missing.body == (running.full / "404.html").read_bytes()
    assert missing.headers["cache-control"] == "private, no-cache"
    robots = get(running.https, FULL_HOST, "/robots.txt")
    assert (robots.status, robots.body) == (200, ROBOTS)


# ---- the LDAP alternative: the commented auth_request lines switched on ----

LDAP_LINES = re.compile(r"^    # (auth_request /_auth;\n.*?^    # \}\n)", re.M | re.S)


def with_ldap(auth_port: int) -> Callable[[str], str]:
    """The example changed as its comment says: auth_basic out, auth_request and /_auth in."""

    def change(text: str) -> str:
        text, dropped = re.subn(r"^    auth_basic(_user_file)? .*\n", "", text, flags=re.M)
        assert dropped == 2
        block = LDAP_LINES.search(text)
        assert block is not None
        text = text.replace(block[0], re.sub(r"^    # ?", "    ", block[0], flags=re.M))
        swaps = {
            "auth_basic off;": "auth_request off;",
            "http://127.0.0.1:8888;": f"http://127.0.0.1:{auth_port};",
        }
        for old, new in swaps.items():
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        return text

    return change


class FakeLdapAuth(http.server.BaseHTTPRequestHandler):
    """Stands in for nginx-ldap-auth: 200 for the one account, else 401 asking for a login."""

    seen: typing.ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        self.seen.append((self.headers["X-Original-URI"], self.headers["X-Ldap-Realm"]))
        ok = self.headers["Authorization"] == basic(USER, PASSWORD)
        self.send_response(200 if ok else 401)
        if not ok:
            self.send_header("WWW-Authenticate", 'Basic realm="taizhang-full"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:  # quiet
        pass


@pytest.fixture(scope="module")
def ldap(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    auth = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeLdapAuth)
    threading.Thread(target=auth.serve_forever, daemon=True).start()
    try:
        server = configure(built, tmp_path_factory.mktemp("ldap"), with_ldap(auth.server_port))
        with started(server) as up:
            yield up
    finally:
        auth.shutdown()
        auth.server_close()


def test_the_full_site_can_ask_the_offices_ldap_instead(ldap: Server) -> None:
    done = subprocess.run(nginx(ldap, "-t"), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    FakeLdapAuth.seen.clear()
    anonymous = get(ldap.https, FULL_HOST, "/ledger.html")
    assert anonymous.status == 401
    assert anonymous.headers["www-authenticate"] == 'Basic realm="taizhang-full"'
    assert anonymous.headers["cache-control"] == "private, no-cache"
    assert FakeLdapAuth.seen == [("/ledger.html", "taizhang-full")]
    assert full(ldap, "/", password="wrong").status == 401
    page = full(ldap, "/")
    assert (page.status, page.body) == (200, (ldap.full / "index.html").read_bytes())
    assert page.headers["cache-control"] == "private, no-cache"
    robots = get(ldap.https, FULL_HOST, "/robots.txt")
    assert (robots.status, robots.body) == (200, ROBOTS)
    # "/" asks twice (again after nginx's index turns it into /index.html); robots.txt never
    assert [uri for uri, _ in FakeLdapAuth.seen] == ["/ledger.html", "/", "/", "/"]
