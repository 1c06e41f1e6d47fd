import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/support/pglite-template.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI asks for a JSON report as well, to print one closing line over both databases.
    reporters: process.env.OTKLIK_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.OTKLIK_TEST_REPORT ? { json: process.env.OTKLIK_TEST_REPORT } : {},
  },
});
