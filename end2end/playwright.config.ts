import { defineConfig } from '@playwright/test';

// Debian's chromium, never a downloaded browser (the machine reaches no browser CDN).
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  // Two cores: one browser at a time, tests in file order (later steps use earlier data).
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  // One retry: a test that fails and then passes is reported as "flaky" and named in
  // `make test`'s summary line (scripts/test.sh), so it is seen and fixed without failing CI for
  // everyone; a test that fails twice fails the run. Each test already copes with data an earlier
  // run left (the desktop project repeats the phone's tests on the same database).
  retries: 1,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:3000',
    browserName: 'chromium',
    launchOptions,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'phone', use: { viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
  ],
});
