import { readFile } from 'node:fs/promises';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, requireChromium } from './scripts/chromium.mjs';

const executablePath = requireChromium();

/** How long /slow-translations/ holds a translation file: longer than an element waits for one. */
const TRANSLATION_DELAY_MS = 5_000;

/**
 * /slow-translations/<file>: the built bundles and translation files of dist/, served from
 * their own folder, where a translation (court-widgets.<locale>.js) answers only after
 * TRANSLATION_DELAY_MS, like a file on a slow link (tests/browser/bundle.test.ts).
 */
async function slowTranslations(ctx, next) {
  const match = /^\/slow-translations\/(court-widgets\.[A-Za-z0-9.-]+\.js)$/.exec(ctx.path);
  if (!match) return next();
  const file = match[1];
  if (!/\.min\.js$/.test(file)) await new Promise((resolve) => setTimeout(resolve, TRANSLATION_DELAY_MS));
  ctx.type = 'text/javascript';
  ctx.body = await readFile(new URL(`./dist/${file}`, import.meta.url));
}

/** Browser tests: the source, in Debian's Chromium, with a fixed locale and time zone. */
export default {
  files: ['tests/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' })],
  middleware: [slowTranslations],
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
