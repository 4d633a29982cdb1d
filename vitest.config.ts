import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and HTTP tests start real servers; keep files in separate workers but not too many on 2 cores.
    maxWorkers: 2,
    // The leak check: every log line of every test file is read for bearer tokens, Direct Line tokens and
    // secrets, and the words tests sent as a trainee (tests/support/logLeaks.ts).
    setupFiles: ['tests/support/logLeakSetup.ts'],
  },
});
