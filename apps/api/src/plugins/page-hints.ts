// What a page of the web app will ask the API for as soon as its script runs, named in its HTML so
// that the browser fetches it alongside the script rather than after it: on a slow connection each
// step of "script, then who is signed in, then the page's data" costs a round trip. Only addresses
// are named, never data; the requests are the app's own, made with the person's cookie.

/** Pages whose data is known from their address alone. */
const PAGES: { path: RegExp; data: (match: RegExpExecArray) => string[] }[] = [
  // The data owner's return form: the page that has to open fast on a phone.
  { path: /^\/returns\/(\d{1,10})\/(\d{1,10})$/, data: (match) => [`/api/returns/${match[1]}/${match[2]}`] },
];

/** `index.html` with what the page at `address` fetches first, for someone signed in. */
export function withPageHints(index: string, address: string, signedIn: boolean): string {
  if (!signedIn) return index;
  const addresses = ["/api/me", ...PAGES.flatMap((page) => {
    const match = page.path.exec(address);
    return match ? page.data(match) : [];
  })];
  // The same request the app makes (fetch's defaults: CORS mode, same-origin credentials), so the
  // app's own fetch takes the preloaded answer.
  const links = addresses.map((url) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${url}">`);
  return index.replace("</head>", `    ${links.join("\n    ")}\n  </head>`);
}
