"""Which CI jobs run for which change, read from the workflow files themselves: the path filters
of GitHub/Gitea/Forgejo (``on.<event>.paths``) and GitLab's ``rules: changes``, each evaluated with
a small matcher written here from the hosts' documented glob rules (not by running a host)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.test_workflows import GITLAB_EXAMPLE, load

DATA_CHANGE = ["cases/dongcun/dongcun-007.yaml"]
CODE_CHANGE = ["generator/site/build.py"]


def translate(pattern: str, tokens: dict[str, str], braces: bool) -> re.Pattern[str]:
    """A glob as a regular expression: ``tokens`` (tried in order) become their regex, ``[...]``
    stays a class, ``{a,b}`` becomes alternatives when ``braces``, the rest is literal."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        token = next((t for t in tokens if pattern.startswith(t, i)), None)
        if token is not None:
            out.append(tokens[token])
            i += len(token)
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            out.append(pattern[i : end + 1])
            i = end + 1
        elif pattern[i] == "{" and braces:
            end = pattern.index("}", i)
            out.append("(?:" + "|".join(map(re.escape, pattern[i + 1 : end].split(","))) + ")")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


# GitHub's filter patterns: ``*`` stays within a folder, ``**`` crosses folders (``**/`` also
# matches no folder at all), ``?`` and ``+`` repeat the character before them.
GITHUB = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "?", "+": "+"}
# Ruby's File.fnmatch as GitLab calls it (PATHNAME, DOTMATCH, EXTGLOB): ``**/`` any folders,
# ``*`` and ``?`` within one name, ``{a,b}`` alternatives.
GITLAB = {"**/": "(?:[^/]*/)*", "*": "[^/]*", "?": "[^/]"}


def github_regex(pattern: str) -> re.Pattern[str]:
    return translate(pattern, GITHUB, braces=False)


def gitlab_regex(pattern: str) -> re.Pattern[str]:
    return translate(pattern, GITLAB, braces=True)


def github_matches(patterns: list[str], changed: list[str]) -> bool:
    """A file counts if the last pattern matching it is not a ``!`` one; any such file runs it."""
    for path in changed:
        included = False
        for pattern in patterns:
            negative = pattern.startswith("!")
            if github_regex(pattern.removeprefix("!")).fullmatch(path):
                included = not negative
        if included:
            return True
    return False


# --- the matchers against the hosts' documented examples ---------------------------------------


@pytest.mark.parametrize(
    ("patterns", "path", "expected"),
    [
        (["*.js"], "app.js", True),
        (["*.js"], "js/index.js", False),
        (["**.js"], "src/js/app.js", True),
        (["docs/*"], "docs/README.md", True),
        (["docs/*"], "docs/mona/octocat.txt", False),
        (["docs/**"], "docs/mona/octocat.txt", True),
        (["docs/**/*.md"], "docs/README.md", True),
        (["docs/**/*.md"], "docs/mona/hello-world.md", True),
        (["**/docs/**"], "space/docs/plan/space.doc", True),
        (["**/README.md"], "README.md", True),
        (["**/README.md"], "js/README.md", True),
        (["**/*src/**"], "my-src/code/js/app.js", True),
        (["**/migrate-*.sql"], "migrate-10909.sql", True),
        (["**/migrate-*.sql"], "db/migrate-v1.0.sql", True),
        (["*.jsx?"], "page.js", True),
        (["*.jsx?"], "page.jsx", True),
        (["*.md", "!README.md"], "hello.md", True),
        (["*.md", "!README.md"], "README.md", False),
        (["*.md", "!README.md"], "docs/hello.md", False),
        (["*.md", "!README.md", "README*"], "README.md", True),
        (["*.md", "!README.md", "README*"], "README.doc", True),
    ],
)
def test_github_glob_semantics(patterns: list[str], path: str, expected: bool) -> None:
    assert github_matches(patterns, [path]) is expected


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("generator/**/*", "generator/site/build.py", True),
        ("generator/**/*", "generator/cli.py", True),
        ("generator/**/*", "cases/generator.yaml", False),
        (".github/**/*", ".github/workflows/ci.yml", True),
        ("*.yml", "deploy/x.yml", False),
        ("{Makefile,pyproject.toml}", "pyproject.toml", True),
        ("requirements/?ock.txt", "requirements/lock.txt", True),
    ],
)
def test_gitlab_glob_semantics(pattern: str, path: str, expected: bool) -> None:
    assert bool(gitlab_regex(pattern).fullmatch(path)) is expected


# --- GitHub, Gitea, Forgejo ---------------------------------------------------------------------


def github_workflows_run(event: str, changed: list[str]) -> list[str]:
    """The workflows an event with these changed files starts (workflow_run ones are left out)."""
    started = []
    for path in sorted((ROOT / ".github/workflows").glob("*.yml")):
        on = load(path)["on"]
        if event not in on:
            continue
        trigger = on[event] or {}
        if "paths" in trigger and not github_matches(trigger["paths"], changed):
            continue
        started.append(path.name)
    return started


def test_a_data_only_pull_request_runs_only_the_data_check() -> None:
    assert github_workflows_run("pull_request", DATA_CHANGE) == ["ci.yml"]
    assert github_workflows_run("push", DATA_CHANGE) == ["ci.yml"]


def test_a_code_change_also_runs_the_code_tests() -> None:
    assert github_workflows_run("pull_request", CODE_CHANGE) == ["ci.yml", "tests.yml"]
    assert github_workflows_run("push", CODE_CHANGE) == ["ci.yml", "tests.yml"]
    both = [*DATA_CHANGE, *CODE_CHANGE]
    assert github_workflows_run("pull_request", both) == ["ci.yml", "tests.yml"]


@pytest.mark.parametrize(
    "path",
    [
        "tests/test_validate.py",
        "schema/case.schema.json",
        "generator/templates/case.md.j2",
        ".github/workflows/ci.yml",
        "requirements/lock.txt",
        "package-lock.json",
        "pyproject.toml",
        "Makefile",
    ],
)
def test_code_schema_templates_workflows_and_dependencies_run_the_tests(path: str) -> None:
    assert github_workflows_run("pull_request", [path]) == ["ci.yml", "tests.yml"]


@pytest.mark.parametrize(
    "path", ["cases/dongcun/dongcun-007.yaml", "campaign.yaml", "reports/2019-08-1.json"]
)
def test_data_files_do_not_run_the_tests(path: str) -> None:
    assert github_workflows_run("pull_request", [path]) == ["ci.yml"]


def test_both_events_of_the_tests_filter_the_same_paths() -> None:
    on = load(ROOT / ".github/workflows/tests.yml")["on"]
    assert on["pull_request"]["paths"] == on["push"]["paths"]
    assert on["push"]["branches"] == ["main"]


# --- GitLab -------------------------------------------------------------------------------------


def gitlab_value(term: str, env: dict[str, str]) -> str:
    term = term.strip()
    return env.get(term[1:], "") if term.startswith("$") else term.strip('"')


def split_top(expr: str, operator: str) -> list[str]:
    """expr split at ``operator`` outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(expr):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and expr.startswith(operator, i):
            parts.append(expr[start:i])
            start = i + len(operator)
    return [*parts, expr[start:]]


def gitlab_if(expr: str, env: dict[str, str]) -> bool:
    """The ``if:`` forms the example uses: ``$A``, ``$A == "x"``, ``$A == $B``, joined by ``&&``
    and ``||`` (``&&`` binds tighter, as in GitLab), grouped by parentheses."""
    expr = expr.strip()
    if len(either := split_top(expr, "||")) > 1:
        return any(gitlab_if(e, env) for e in either)
    if len(both := split_top(expr, "&&")) > 1:
        return all(gitlab_if(b, env) for b in both)
    if expr.startswith("(") and expr.endswith(")"):
        return gitlab_if(expr[1:-1], env)
    if "==" in expr:
        left, right = expr.split("==")
        return gitlab_value(left, env) == gitlab_value(right, env)
    return bool(gitlab_value(expr, env))


def gitlab_rule_applies(rule: dict[str, Any], env: dict[str, str], changed: list[str]) -> bool:
    if "if" in rule and not gitlab_if(rule["if"], env):
        return False
    if "changes" in rule:
        patterns = rule["changes"]
        return any(gitlab_regex(p).fullmatch(f) for p in patterns for f in changed)
    return True


def gitlab_jobs(env: dict[str, str], changed: list[str]) -> list[str]:
    """The jobs of a pipeline: the workflow rules, then each job's first applying rule."""
    data = load(GITLAB_EXAMPLE)
    if not any(gitlab_rule_applies(r, env, changed) for r in data["workflow"]["rules"]):
        return []
    jobs = []
    for name, job in data.items():
        if name.startswith(".") or not isinstance(job, dict) or "script" not in job:
            continue
        rule = next(
            (r for r in job.get("rules", [{}]) if gitlab_rule_applies(r, env, changed)), None
        )
        if rule is not None and rule.get("when") != "never":
            jobs.append(name)
    return sorted(jobs)


MERGE_REQUEST = {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_DEFAULT_BRANCH": "main"}
MAIN_PUSH = {
    "CI_PIPELINE_SOURCE": "push",
    "CI_COMMIT_BRANCH": "main",
    "CI_DEFAULT_BRANCH": "main",
    "DEPLOY_HOST": "10.1.2.3",
}


def test_gitlab_runs_the_tests_only_for_code_changes() -> None:
    assert gitlab_jobs(MERGE_REQUEST, DATA_CHANGE) == ["data"]
    assert gitlab_jobs(MERGE_REQUEST, CODE_CHANGE) == ["data", "tests"]
    assert gitlab_jobs(MAIN_PUSH, DATA_CHANGE) == ["data", "deploy"]
    assert gitlab_jobs(MAIN_PUSH, CODE_CHANGE) == ["data", "deploy", "tests"]
    feature_push = {**MAIN_PUSH, "CI_COMMIT_BRANCH": "feature"}
    assert gitlab_jobs(feature_push, CODE_CHANGE) == []
    # The morning's scheduled pipeline rebuilds and publishes (the as-of date moves on), no tests.
    assert gitlab_jobs({**MAIN_PUSH, "CI_PIPELINE_SOURCE": "schedule"}, []) == ["data", "deploy"]


def test_gitlab_submit_pipeline_runs_only_the_submit_job() -> None:
    web = {"CI_PIPELINE_SOURCE": "web", "CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main"}
    assert gitlab_jobs({**web, "SUBMIT_PERIOD": "2019-08-1"}, []) == ["submit"]


def test_gitlab_and_github_test_the_same_kinds_of_files() -> None:
    github = load(ROOT / ".github/workflows/tests.yml")["on"]["pull_request"]["paths"]
    rules = load(GITLAB_EXAMPLE)["tests"]["rules"]
    tests_rule = next(r["changes"] for r in rules if "changes" in r)
    as_github = [p.replace("/**/*", "/**") for p in tests_rule if p != ".gitlab-ci.yml"]
    assert as_github == github
