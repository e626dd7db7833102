import { defineConfig } from 'vitest/config';

// Tests run without the SvelteKit plugin: the engine and the CLI are plain TypeScript.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks'
  }
});
