"""deploy/README.md walked through on this Debian machine without changing it.

The guide's command blocks marked ``<!-- 演练：服务器 -->`` and ``<!-- 演练：电脑 -->`` run as
they are written, in mount, network and pid namespaces (``unshare``) where /etc, /var/lib, /srv,
/run, /home, /root and /var/log are overlays whose changes land in a temporary folder: real
``adduser``, the key, ``sshd -t`` and a running sshd (port 22 of the namespace's own loopback),
``deploy/publish.sh`` building both sites and rsyncing them through the rrsync-restricted key.
The only edits are the placeholders: the server's and the runner's address become 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.casemaker import copy_sample
from tests.deploytools import need

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "deploy" / "README.md"
OVERLAID = ["etc", "var/lib", "srv", "run", "home", "root", "var/log"]
MARK = re.compile(r"^( *)<!-- 演练：(服务器|电脑) -->\n\1```sh\n(.*?)^\1```$", re.M | re.S)
BANNER = "本网站包含信访人的完整个人信息（姓名、住址）"
# Its own mounts, loopback and process tree (the sshd it starts ends with it).
UNSHARE = ["unshare", "--mount", "--net", "--pid", "--fork"]
HOST_FILES = ["/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow"]


@dataclass(frozen=True)
class Block:
    where: str  # 服务器 or 电脑
    text: str


def blocks() -> list[Block]:
    """The guide's marked command blocks, unindented, in order."""
    found = []
    for indent, where, body in MARK.findall(GUIDE.read_text(encoding="utf-8")):
        lines = [line.removeprefix(indent) for line in body.splitlines()]
        found.append(Block(where, "\n".join(lines) + "\n"))
    return found


def test_the_guide_marks_four_blocks_in_order() -> None:
    assert [b.where for b in blocks()] == ["服务器", "电脑", "服务器", "电脑"]
    server, keys, key, publish = (b.text for b in blocks())
    assert server.startswith("adduser --system --group --home /var/lib/taizhang-deploy ")
    assert "ssh-keygen -t ed25519" in keys
    assert '"/usr/bin/rrsync -wo /srv/taizhang"' in key
    assert publish.endswith("deploy/publish.sh\n")


def placed(text: str, **swaps: str) -> str:
    for old, new in swaps.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def script(tmp: Path) -> str:
    """The walk-through: overlays, then the guide's blocks where the guide says to run them."""
    server, keys, key, publish = (b.text for b in blocks())
    ssh = f"ssh -i {tmp}/home/taizhang-keys/taizhang-deploy -o BatchMode=yes"
    ssh += f" -o UserKnownHostsFile={tmp}/home/taizhang-keys/known_hosts -o IdentitiesOnly=yes"
    mounts = "".join(
        f"mkdir -p {tmp}/up/{d} {tmp}/work/{d}\n"
        f"mount -t overlay overlay /{d} "
        f"-o lowerdir=/{d},upperdir={tmp}/up/{d},workdir={tmp}/work/{d}\n"
        for d in OVERLAID
    )
    return f"""set -eu
{mounts}ip link set lo up
trap 'if [ -f /run/sshd.pid ]; then kill "$(cat /run/sshd.pid)"; fi' EXIT
cd {tmp}/server
{server}
mkdir -p /run/sshd && ssh-keygen -A >/dev/null
/usr/sbin/sshd -t -f /etc/ssh/sshd_config
/usr/sbin/sshd -f /etc/ssh/sshd_config -o ListenAddress=127.0.0.1
export HOME={tmp}/home
{placed(keys, 内网服务器地址="127.0.0.1")}
cp {tmp}/home/taizhang-keys/taizhang-deploy.pub {tmp}/server/
cd {tmp}/server
{placed(key, **{"10.0.5.20": "127.0.0.1"})}
cd {tmp}/repo
{placed(publish, 内网服务器地址="127.0.0.1")}
if {ssh} taizhang-deploy@127.0.0.1 id 2>{tmp}/shell.err; then exit 3; fi
if rsync -e "{ssh}" taizhang-deploy@127.0.0.1:masked/index.html {tmp} 2>{tmp}/read.err; then
  exit 4
fi
"""


def fingerprint() -> dict[str, str]:
    """Sha-256 of the host's account files, and which of the guide's paths exist on the host."""
    sums = {f: hashlib.sha256(Path(f).read_bytes()).hexdigest() for f in HOST_FILES}
    for path in ("/var/lib/taizhang-deploy", "/srv/taizhang"):
        sums[path] = str(os.path.lexists(path))
    sums["/etc/ssh"] = " ".join(sorted(p.name for p in Path("/etc/ssh").iterdir()))
    return sums


def can_unshare() -> bool:
    try:
        probe = subprocess.run([*UNSHARE, "true"], capture_output=True, timeout=30)
    except OSError:
        return False
    return probe.returncode == 0


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.geteuid() != 0:
        pytest.skip("部署指南的演练要以 root 运行（adduser、sshd），普通账号跳过")
    for program, package in [
        ("adduser", "adduser"), ("sshd", "openssh-server"), ("ssh", "openssh-client"),
        ("rsync", "rsync"), ("rrsync", "rsync"), ("python3", "python3"), ("unshare", "util-linux"),
        ("ip", "iproute2"),
    ]:  # fmt: skip
        need(program, package)
    if not can_unshare():
        # Docker's default profile forbids new namespaces: run CI's test job privileged.
        pytest.skip(
            "部署指南的演练要建立命名空间（unshare --mount --net --pid），本机不能（容器中常见）"
        )
    tmp = tmp_path_factory.mktemp("walk")
    for folder in ("server", "home"):
        (tmp / folder).mkdir()
    copy_sample(tmp / "repo")
    (tmp / "repo/deploy").mkdir()
    shutil.copy2(ROOT / "deploy/publish.sh", tmp / "repo/deploy/publish.sh")  # as in a checkout
    (tmp / "walk.sh").write_text(script(tmp), encoding="utf-8")
    before = fingerprint()
    assert before["/var/lib/taizhang-deploy"] == before["/srv/taizhang"] == "False"
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "PATH": f"/usr/sbin:/sbin:{os.environ['PATH']}",
    }
    done = subprocess.run(
        [*UNSHARE, "sh", str(tmp / "walk.sh")],
        cwd=tmp, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert fingerprint() == before  # the host is as it was
    assert done.returncode == 0, done.stdout + done.stderr
    return tmp


def test_adduser_gives_the_account_a_home(walked: Path) -> None:
    passwd = (walked / "up/etc/passwd").read_text(encoding="utf-8")
    found = re.findall(r"^taizhang-deploy:x:(\d+):(\d+):[^:]*:([^:]*):([^:\n]*)$", passwd, re.M)
    assert [(home, shell) for _, _, home, shell in found] == [
        ("/var/lib/taizhang-deploy", "/bin/sh")
    ]
    group = (walked / "up/etc/group").read_text(encoding="utf-8")
    assert re.findall(r"^taizhang-deploy:x:(\d+):(.*)$", group, re.M) == [(found[0][1], "www-data")]


def test_the_key_is_in_place_and_restricted(walked: Path) -> None:
    uid, gid = owner(walked / "up/var/lib/taizhang-deploy")
    ssh = walked / "up/var/lib/taizhang-deploy/.ssh"
    keys = ssh / "authorized_keys"
    assert (mode(ssh), owner(ssh)) == (0o700, (uid, gid))
    assert (mode(keys), owner(keys)) == (0o600, (uid, gid))
    public = (walked / "home/taizhang-keys/taizhang-deploy.pub").read_text(encoding="utf-8")
    assert public.startswith("ssh-ed25519 ") and public.endswith(" taizhang-ci\n")
    assert keys.read_text(encoding="utf-8") == (
        f'restrict,from="127.0.0.1",command="/usr/bin/rrsync -wo /srv/taizhang" {public}'
    )
    shell = (walked / "shell.err").read_text(encoding="utf-8")
    assert "/usr/bin/rrsync error: SSH_ORIGINAL_COMMAND does not run rsync" in shell
    assert not (walked / "index.html").exists()  # the key cannot read the site back


def test_both_sites_arrive_readable_only_by_the_account_and_nginx(walked: Path) -> None:
    uid, gid = owner(walked / "up/var/lib/taizhang-deploy")
    srv = walked / "up/srv/taizhang"
    assert sorted(p.name for p in srv.iterdir()) == ["full", "masked"]
    for tier in ("masked", "full"):
        site = srv / tier
        assert (site / ".taizhang-site").is_file()
        assert not list(site.glob("**/.~tmp~"))  # --delay-updates cleaned up
        for path in [site, *site.rglob("*")]:
            assert owner(path) == (uid, gid), path
            assert mode(path) == (0o750 if path.is_dir() else 0o640), path
    assert BANNER not in (srv / "masked/index.html").read_text(encoding="utf-8")
    assert BANNER in (srv / "full/index.html").read_text(encoding="utf-8")
    assert "<h1>找不到这个页面</h1>" in (srv / "masked/404.html").read_text(encoding="utf-8")


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


def owner(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_uid, st.st_gid


def test_publish_refuses_a_public_address(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHON": sys.executable, "DEPLOY_HOST": "1.1.1.1",
           "DEPLOY_KEY_FILE": "k", "DEPLOY_KNOWN_HOSTS_FILE": "h"}  # fmt: skip
    done = subprocess.run(
        ["sh", str(ROOT / "deploy/publish.sh")], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "部署主机 1.1.1.1 解析到公网地址 1.1.1.1，拒绝发布\n"
    assert list(tmp_path.iterdir()) == []
