#!/bin/sh
# 从当前的提交生成两个网站，用 rsync 经 SSH 发布到内网服务器（见 deploy/README.md）：
#   脱敏网站（build --privacy masked）→ 服务器的 masked/，整个内网访问；
#   完整网站（build --privacy full）  → 服务器的 full/，只给登录后的限定人员。
# 在仓库根目录运行（CI 的发布任务也调用它）。需要的环境变量：
#   DEPLOY_HOST              服务器的内网地址或内网域名（解析到公网地址时拒绝发布）
#   DEPLOY_USER              默认 taizhang-deploy
#   DEPLOY_PATH              默认 .（authorized_keys 用 rrsync 限制在 /srv/taizhang 时）
#   DEPLOY_PORT              默认 22
#   DEPLOY_KEY_FILE          私钥文件
#   DEPLOY_KNOWN_HOSTS_FILE  核对过的 known_hosts 文件（主机密钥不符就失败）
#   PYTHON                   默认 .venv/bin/python
set -eu

: "${DEPLOY_HOST:?请设置 DEPLOY_HOST（内网服务器地址）}"
: "${DEPLOY_KEY_FILE:?请设置 DEPLOY_KEY_FILE（私钥文件）}"
: "${DEPLOY_KNOWN_HOSTS_FILE:?请设置 DEPLOY_KNOWN_HOSTS_FILE（known_hosts 文件）}"
python=${PYTHON:-.venv/bin/python}

# 网站含个人信息：部署主机解析到公网地址（或解析不出）时拒绝发布。
"$python" - "$DEPLOY_HOST" <<'CHECK'
import ipaddress
import socket
import sys

host = sys.argv[1]
try:
    found = {info[4][0] for info in socket.getaddrinfo(host, 22)}
except OSError as err:
    sys.exit(f"无法解析部署主机 {host}：{err}")
public = sorted(a for a in found if ipaddress.ip_address(a.split("%")[0]).is_global)
if public or not found:
    sys.exit(f"部署主机 {host} 解析到公网地址 {', '.join(public)}，拒绝发布")
print(f"部署主机 {host} 解析到内网地址：{', '.join(sorted(found))}")
CHECK

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# 两个网站来自同一个工作目录、同一次提交。
"$python" -m generator build --privacy masked --out "$out/masked"
"$python" -m generator build --privacy full --out "$out/full"

ssh="ssh -i $DEPLOY_KEY_FILE -p ${DEPLOY_PORT:-22} -o BatchMode=yes -o IdentitiesOnly=yes"
ssh="$ssh -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$DEPLOY_KNOWN_HOSTS_FILE"
for tier in masked full; do
  # --delay-updates：新文件全部传完才一起换上，读者看不到一半新一半旧的网站。
  # 750/640：只有发布账号和 nginx（www-data 在发布账号的组里）读得到。
  rsync -rlptz --delete-after --delay-updates --chmod=D750,F640 -e "$ssh" \
    "$out/$tier/" "${DEPLOY_USER:-taizhang-deploy}@$DEPLOY_HOST:${DEPLOY_PATH:-.}/$tier/"
done
echo "已发布：脱敏网站到 ${DEPLOY_PATH:-.}/masked/，完整网站到 ${DEPLOY_PATH:-.}/full/"
