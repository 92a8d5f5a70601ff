// What a page of the web app will ask for as soon as its script runs, named in its HTML so that the
// browser fetches it alongside the script rather than after it: on a slow connection each step of
// "script, then who is signed in, then the page's code, then its data" costs a round trip. Only
// addresses are named, never data; the requests are the app's own, made with the person's cookie.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

interface ManifestChunk {
  file: string;
  imports?: string[];
}

/** Pages whose code and data are known from their address alone. */
const PAGES: { path: RegExp; module: string; data: (match: RegExpExecArray) => string[] }[] = [
  // The data owner's return form: the page that has to open fast on a phone.
  { path: /^\/returns\/(\d{1,10})\/(\d{1,10})$/, module: "src/features/returns/ReturnPage.tsx", data: (match) => [`/api/returns/${match[1]}/${match[2]}`] },
];

/** `index.html` with a page's hints, for a request to that page. */
export function pageHints(distDir: string): (index: string, address: string, signedIn: boolean) => string {
  const manifestFile = path.join(distDir, ".vite", "manifest.json");
  // Vite writes it (apps/web/vite.config.ts); without it, only the data is named.
  const manifest = (existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, "utf8")) : {}) as Record<string, ManifestChunk>;
  const inIndex = new Set(chunksOf(manifest, "index.html"));

  return (index, address, signedIn) => {
    if (!signedIn) return index;
    // The same request the app makes (fetch's defaults: CORS mode, same-origin credentials), so the
    // app's own fetch takes the preloaded answer.
    const fetched = (url: string) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${url}">`;
    const links = [fetched("/api/me")];
    for (const page of PAGES) {
      const match = page.path.exec(address);
      if (!match) continue;
      for (const chunk of chunksOf(manifest, page.module)) if (!inIndex.has(chunk)) links.push(`<link rel="modulepreload" crossorigin href="/${chunk}">`);
      links.push(...page.data(match).map(fetched));
    }
    return index.replace("</head>", `    ${links.join("\n    ")}\n  </head>`);
  };
}

/** A chunk's file and those it imports, as the browser will load them. */
function chunksOf(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): string[] {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return [];
  seen.add(key);
  return [chunk.file, ...(chunk.imports ?? []).flatMap((imported) => chunksOf(manifest, imported, seen))];
}
