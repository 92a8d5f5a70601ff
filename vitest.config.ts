import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "prisma/test/**/*.test.ts", "apps/api/test/**/*.test.ts", "apps/web/src/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["prisma/src/testing/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
