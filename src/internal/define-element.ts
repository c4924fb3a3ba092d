/**
 * Registers the package's tags. A tag the page has registered already is left alone, so that
 * loading a script-tag bundle next to the npm modules, or twice, is harmless.
 *
 * While `holdDefinitions` waits, registrations are kept, in order, and made when it settles:
 * the script-tag bundles use it to let a pre-rendered page paint before it hydrates
 * (`internal/paint-first.ts`).
 */
const waiting: Array<() => void> = [];
/** Holds not yet settled: registrations wait until the last one has. */
let holds = 0;

export function defineElement(tag: string, element: CustomElementConstructor): void {
  const define = () => {
    if (!customElements.get(tag)) customElements.define(tag, element);
  };
  if (holds > 0) waiting.push(define);
  else define();
}

/** Keeps the registrations made from now on until `until` settles. */
export function holdDefinitions(until: Promise<unknown>): void {
  holds++;
  const release = () => {
    if (--holds > 0) return;
    for (const define of waiting.splice(0)) {
      // One failed registration must not keep back the others; its error is still reported.
      try {
        define();
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  };
  until.then(release, release);
}
