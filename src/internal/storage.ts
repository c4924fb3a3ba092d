/**
 * A localStorage wrapper that never throws.
 *
 * Keys are prefixed with the library name and the site's host (`court-widgets:<host>:<name>`),
 * so that settings of different sites served from one origin (a portal and its courts behind a
 * shared proxy, a CMS preview) stay apart, and so that nothing collides with the host page's own
 * keys. Private browsing, blocked cookies (where merely reading `window.localStorage` throws a
 * `SecurityError`), a full quota or a stubbed Storage all end in a `null` read or a `false`
 * write: the page keeps working with in-memory state.
 */

/** First part of every key: `court-widgets:<host>:<name>`. */
export const STORAGE_PREFIX = 'court-widgets';

/** The storage area, or `null` when there is none or touching it throws. */
function area(): Storage | null {
  try {
    if (typeof window === 'undefined') return null;
    return window.localStorage ?? null;
  } catch {
    return null;
  }
}

function host(): string {
  try {
    return typeof location === 'undefined' ? '' : location.host;
  } catch {
    return '';
  }
}

/** The full storage key of a setting: `court-widgets:<location.host>:<name>`. */
export function siteKey(name: string): string {
  return `${STORAGE_PREFIX}:${host()}:${name}`;
}

/** The stored value of a setting of this site, or `null` when absent or unreadable. */
export function readSetting(name: string): string | null {
  try {
    const value = area()?.getItem(siteKey(name));
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Stores a setting of this site. Returns whether it was stored. */
export function writeSetting(name: string, value: string): boolean {
  try {
    const storage = area();
    if (!storage) return false;
    storage.setItem(siteKey(name), value);
    return true;
  } catch {
    return false;
  }
}

/** Forgets a setting of this site. Returns whether the storage accepted the removal. */
export function removeSetting(name: string): boolean {
  try {
    const storage = area();
    if (!storage) return false;
    storage.removeItem(siteKey(name));
    return true;
  } catch {
    return false;
  }
}
