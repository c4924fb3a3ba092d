import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, requireChromium } from './scripts/chromium.mjs';

const executablePath = requireChromium();

/** Browser tests: the source, in Debian's Chromium, with a fixed locale and time zone. */
export default {
  files: ['tests/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' })],
  concurrency: 2,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [...chromiumArgs, '--lang=zh-CN', '--font-render-hinting=none'],
      },
      // A browser context per page keeps every test page visible, so animation frames,
      // ResizeObserver and lazy images run when two test files run side by side.
      async createPage({ browser }) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        await page.emulateTimezone('Asia/Shanghai');
        return page;
      },
    }),
  ],
};
