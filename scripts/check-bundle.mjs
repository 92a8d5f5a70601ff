// The front-end budget: the JavaScript a data owner's browser downloads to reach their return
// form (the app's entry, and the return page loaded on demand, with everything they import) must
// stay within 130 KB gzip. Fails the build check when it grows past that.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 130_000;
const dist = new URL("../apps/web/dist/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL(".vite/manifest.json", dist), "utf8"));

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key].imports ?? [], seen);
  }
  return seen;
}

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const returnForm = Object.keys(manifest).find((key) => key.endsWith("features/returns/ReturnPage.tsx"));
if (!entry || !returnForm) throw new Error("The manifest has no entry or no return page: was the web app built?");

const chunks = [...closure([entry, returnForm])].map((key) => {
  const file = manifest[key].file;
  return { file, bytes: gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length };
});
const total = chunks.reduce((sum, chunk) => sum + chunk.bytes, 0);
for (const chunk of chunks) console.log(`  ${(chunk.bytes / 1000).toFixed(1).padStart(6)} KB  ${chunk.file}`);
console.log(`  ${(total / 1000).toFixed(1).padStart(6)} KB  gzip in all, to reach the return form (budget ${BUDGET_BYTES / 1000} KB)`);
if (total > BUDGET_BYTES) {
  console.error(`The JavaScript a data owner downloads is ${((total - BUDGET_BYTES) / 1000).toFixed(1)} KB over budget.`);
  process.exit(1);
}
