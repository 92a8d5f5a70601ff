import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The web app's component tests (*.test.tsx) choose their DOM with a `// @vitest-environment happy-dom` first line.
    include: [
      "packages/*/src/**/*.test.ts",
      "prisma/test/**/*.test.ts",
      "apps/api/test/**/*.test.ts",
      "apps/web/src/**/*.test.{ts,tsx}",
      "scripts/**/*.test.ts",
    ],
    globalSetup: ["apps/api/test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
