import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and HTTP tests start real servers; keep files in separate workers but not too many on 2 cores.
    maxWorkers: 2,
  },
});
