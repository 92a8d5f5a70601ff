// import-x/no-cycle does not follow `import type`: such an import is gone at run time, so it cannot
// leave a module half-initialised. But two modules whose types name each other still cannot be
// read, changed or moved one without the other, so this rule starts from each type-only import
// (or re-export) and follows every import, type or value, of the files it leads to.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const isTypeOnly = (node) =>
  node.importKind === "type" ||
  node.exportKind === "type" ||
  (node.specifiers?.length > 0 && node.specifiers.every((specifier) => (specifier.importKind ?? specifier.exportKind) === "type"));

/** An ESLint rule using `resolver` (an import-x resolver, so both rules see the same files). */
export function noTypeImportCycle(resolver) {
  const resolve = (source, file) => {
    const { found, path: target } = resolver.resolve(source, file);
    return found && target && !target.split(path.sep).includes("node_modules") && /\.[cm]?tsx?$/.test(target) ? target : null;
  };

  // Keyed by modification time, so files written after the first lint (tests do) are read afresh.
  const importsByFile = new Map();
  const importsOf = (file) => {
    const mtime = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (mtime === undefined) return [];
    const known = importsByFile.get(file);
    if (known?.mtime === mtime) return known.targets;
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    const targets = importedFiles.map(({ fileName }) => resolve(fileName, file)).filter((target) => target !== null);
    importsByFile.set(file, { mtime, targets });
    return targets;
  };

  /** The shortest chain of files from `start` back to `file`, or null. */
  const routeBack = (start, file) => {
    const cameFrom = new Map([[start, null]]);
    const queue = [start];
    while (queue.length > 0) {
      const current = queue.shift();
      for (const next of importsOf(current)) {
        if (next === file) {
          const route = [];
          for (let step = current; step !== null; step = cameFrom.get(step)) route.unshift(step);
          return [...route, file];
        }
        if (!cameFrom.has(next)) {
          cameFrom.set(next, current);
          queue.push(next);
        }
      }
    }
    return null;
  };

  return {
    meta: {
      type: "problem",
      docs: { description: "Forbid import cycles that go through type-only imports" },
      messages: { cycle: "Dependency cycle through a type import: {{route}}" },
      schema: [],
    },
    create(context) {
      const file = context.physicalFilename;
      const check = (node) => {
        if (!node.source || !isTypeOnly(node)) return;
        const start = resolve(node.source.value, file);
        const route = start && routeBack(start, file);
        if (route) {
          context.report({ node, messageId: "cycle", data: { route: [file, ...route].map((step) => path.relative(context.cwd, step)).join(" → ") } });
        }
      };
      return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
    },
  };
}
