// One page load in headless Chromium, measured: a fresh browser context each time (cold HTTP
// cache, no shared state), optional CPU throttling through the DevTools protocol.

const VIEWPORT = { width: 1366, height: 768 };

/**
 * @param {import('puppeteer-core').Browser} browser
 * @param {{ url: string, cpu: number, timeout?: number }} options
 * @returns {Promise<{ rendered: number, fcp: number, lcp: number, cls: number, shifts: Array<{ value: number, at: number, sources: string[] }>, heap: number }>}
 */
export async function measureLoad(browser, { url, cpu, timeout = 60_000 }) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport(VIEWPORT);
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(url, { waitUntil: 'load', timeout });
    await page.waitForFunction('window.__bench && (window.__bench.rendered > 0 || window.__bench.failed)', {
      timeout,
      polling: 50,
    });
    // Let the last paint entries arrive: two more frames.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))),
    );
    const result = await page.evaluate(() => {
      const b = window.__bench;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { rendered: b.rendered, lcp: b.lcp, cls: b.cls, shifts: b.shifts, failed: b.failed, fcp: fcp ? fcp.startTime : NaN };
    });
    if (result.failed) throw new Error(`court-article failed on ${url}: ${result.failed}`);
    if (errors.length) throw new Error(`page error on ${url}: ${errors[0]}`);
    const metrics = await page.metrics();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return {
      // The article cannot be on screen before the first contentful paint: the frame marked
      // on the main thread is presented no earlier than that.
      rendered: Math.max(result.rendered, Number.isFinite(result.fcp) ? result.fcp : 0),
      fcp: result.fcp,
      lcp: result.lcp || NaN,
      cls: result.cls,
      shifts: result.shifts,
      heap: metrics.JSHeapUsedSize / (1024 * 1024),
    };
  } finally {
    await context.close();
  }
}
