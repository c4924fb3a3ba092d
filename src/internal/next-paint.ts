/** The longest wait for a frame, in ms: a page can be visible and get no frame at all (a
 * cross-origin frame scrolled out of view gets none until it is scrolled to). */
export const FRAME_WAIT_LIMIT = 1000;

/**
 * Set on the global object by `court-widgets.after-paint.js` once its wait, begun after the
 * page was parsed, has ended. The loader and the bundle are separate files; through this
 * registered symbol the bundle it loads knows that the wait is over and does not wait again.
 */
const WAITED = Symbol.for('court-widgets.waited-for-paint');

/** Whether the after-paint loader has already waited for the first paint after parsing. */
export function waitedForPaint(): boolean {
  return (globalThis as Record<symbol, unknown>)[WAITED] === true;
}

/** Marks the wait as done (the after-paint loader, before it imports the bundle). */
export function markWaitedForPaint(): void {
  (globalThis as Record<symbol, unknown>)[WAITED] = true;
}

/**
 * Resolves once the page has painted its next frame: a task queued from an animation-frame
 * callback runs after that frame's rendering. A hidden page paints nothing, so it resolves at
 * once there, and as soon as the page turns hidden; and after FRAME_WAIT_LIMIT in any case.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (document.visibilityState !== 'visible') {
      resolve();
      return;
    }
    const done = () => resolve();
    document.addEventListener('visibilitychange', done, { once: true });
    requestAnimationFrame(() => setTimeout(done, 0));
    setTimeout(done, FRAME_WAIT_LIMIT);
  });
}
