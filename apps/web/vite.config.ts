import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const nodeModules = fileURLToPath(new URL("../../node_modules", import.meta.url));

export default defineConfig({
  plugins: [react()],
  css: {
    preprocessorOptions: {
      scss: { loadPaths: [nodeModules], quietDeps: true },
    },
  },
  // The manifest lets scripts/check-bundle.mjs measure what each page downloads.
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, manifest: true },
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:3000" },
  },
});
