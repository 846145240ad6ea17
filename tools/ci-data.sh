#!/usr/bin/env bash
# make ci-data：合并请求的数据检查。CI 的数据检查任务（.github/workflows/ci.yml 的 data、
# deploy/gitlab-ci.example.yml 的 data）只运行 make ci-data，所以本机运行的与 CI 完全相同。
#
# 环境变量：FORMAT 校验问题的格式（text，默认；github：标在改动的行上；gitlab：写入
# gl-code-quality-report.json），BASE 台账变更的对比基准（如 origin/main；不设则不比较，
# 结果写入 diff.md）。某一步失败也做完其余各步（一次看到全部问题），最后列出失败的步骤。
# 在仓库的根目录运行（make 就在那里）。
set -uo pipefail

PY=${PY:-.venv/bin/python}
FORMAT=${FORMAT:-text}
SUMMARY_LIMIT=1000000  # GitHub 的检查摘要每步最多 1 MiB
failed=()

step() {  # step 名称 命令……
  local name=$1
  shift
  echo "== $name"
  "$@" || failed+=("$name")
}

validate() {
  if [ "$FORMAT" = gitlab ]; then
    # 报告给合并请求页面看；有问题时再按文字列出一遍，日志里也看得到
    "$PY" -m generator validate --format gitlab > gl-code-quality-report.json \
      || { "$PY" -m generator validate; return 1; }
  else
    "$PY" -m generator validate --format "$FORMAT"
  fi
}

ledger_diff() {
  local status=0
  "$PY" -m generator diff --base "$BASE" --format markdown > diff.md || status=$?
  cat diff.md
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    # 上千件的改动只放前面一部分进摘要，全文在日志里
    if [ "$(wc -c < diff.md)" -gt "$SUMMARY_LIMIT" ]; then
      head -c "$SUMMARY_LIMIT" diff.md
      printf '\n\n……内容过长，已截断；完整内容见本步骤的日志。\n'
    else
      cat diff.md
    fi >> "$GITHUB_STEP_SUMMARY"
  fi
  return "$status"
}

step "校验案件" validate
step "CODEOWNERS 与 campaign.yaml 的审核人一致" "$PY" -m generator codeowners --check
step "网页编辑器的配置（admin/config.yml）是最新的" "$PY" -m generator editor-config --check
step "schema/ 与台账配置一致" "$PY" -m generator schema --check
if [ -n "${BASE:-}" ]; then
  step "台账变更（与 $BASE 比较）" ledger_diff
fi
# 合并请求的构件只用脱敏网站（完整网站只由 deploy/publish.sh 发布到访问控制之后）
step "生成网站（脱敏）" "$PY" -m generator build --out site --privacy masked

if [ ${#failed[@]} -gt 0 ]; then
  echo "数据检查未通过的步骤：" >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "数据检查通过"
