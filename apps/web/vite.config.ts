import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { constants } from "node:zlib";
import { defineConfig } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

const nodeModules = fileURLToPath(new URL("../../node_modules", import.meta.url));

export default defineConfig({
  plugins: [
    react(),
    // Brotli and gzip copies beside each file, at the strongest settings: the server sends the one
    // the browser accepts (apps/api/src/plugins/web-app.ts), so nothing is compressed per request.
    compression({
      algorithms: [
        defineAlgorithm("brotliCompress", { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
        defineAlgorithm("gzip", { level: constants.Z_BEST_COMPRESSION }),
      ],
    }),
  ],
  css: {
    preprocessorOptions: {
      scss: { loadPaths: [nodeModules], quietDeps: true },
    },
  },
  // The manifest lets scripts/check-bundle.mjs measure what each page downloads.
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    // The libraries and the shared contract in one chunk: every page needs them, and one file
    // compresses better than the pieces the bundler would otherwise cut them into. What only the
    // manager's and admin's pages use (packages/shared/src/manager/), and what only the forgotten
    // password pages and the second factor's pages use (password-reset.ts, second-factor.ts), loads
    // with those pages.
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: "libraries", test: /node_modules|packages[\\/]shared[\\/]src[\\/](?!manager[\\/]|password-reset\.ts|second-factor\.ts)/ }] } },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:3000" },
  },
});
