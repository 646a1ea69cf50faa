// End-to-end tests: the release build (`trunk build --release` → dist/) served under a
// sub-path, driven in Debian's Chromium. Screenshots and failure traces go to artifacts/.
import { defineConfig } from '@playwright/test';

// E2E_PORT lets two checkouts on one machine run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
export const SUBPATH = '/courses/net/imasara/';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'artifacts/test-results',
  timeout: 30_000,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { outputFolder: 'artifacts/playwright-report', open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${SUBPATH}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `node tests/e2e/serve.mjs dist ${SUBPATH} ${PORT}`,
    url: `http://127.0.0.1:${PORT}${SUBPATH}`,
    // Never test whatever an old server serves: a busy port is an error, not a reuse.
    reuseExistingServer: false,
  },
});
