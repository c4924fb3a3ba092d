// Finds the Chromium that tests, benchmarks and PDF checks drive. The project never
// downloads a browser: it uses the system's Chromium (Debian: `apt-get install chromium`)
// or the one named by CHROMIUM_PATH.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const candidates = [
  process.env.CHROMIUM_PATH,
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Flags for a headless, offline, root-safe Chromium. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export const installHint = `No Chromium was found.
Install one and run the command again:
  Debian/Ubuntu:  sudo apt-get install -y chromium fonts-noto-cjk
  elsewhere:      set CHROMIUM_PATH=/path/to/chromium (or Chrome)`;

/** @returns {string | undefined} */
export function findChromium() {
  return candidates.find((path) => path && existsSync(path));
}

/** Returns the Chromium path, or prints how to install one and exits with status 1. */
export function requireChromium() {
  const path = findChromium();
  if (!path) {
    console.error(installHint);
    process.exit(1);
  }
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(requireChromium());
}
