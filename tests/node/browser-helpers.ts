// Shared by the Node tests that read built pages in the system Chromium (puppeteer-core).
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser } from 'puppeteer-core';
// @ts-expect-error: plain JavaScript helper without type declarations
import { chromiumArgs, requireChromium } from '../../scripts/chromium.mjs';
import { root } from './cli-helpers.js';

/**
 * Launches Chromium before the file's tests, once the built bundle is there (`npm run build`;
 * `npm test` builds first), and closes it after them. Returns the browser's getter.
 */
export function useChromiumWithBundle(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    const bundle = join(root, 'dist', 'court-widgets.min.js');
    assert.ok(existsSync(bundle), `${bundle} is missing: run "npm run build" first`);
    browser = await puppeteer.launch({ executablePath: requireChromium(), args: chromiumArgs, headless: true });
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    assert.ok(browser, 'Chromium is running');
    return browser;
  };
}
