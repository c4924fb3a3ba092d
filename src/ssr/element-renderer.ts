/**
 * Lit SSR's element renderer, completed with the reactive-controller step of Lit's update
 * cycle.
 *
 * In the browser an update runs `willUpdate`, then every controller's `hostUpdate`, then
 * `update` and `render`. `LitElementRenderer` (Lit SSR 4) runs `willUpdate` and `update` but
 * never `hostUpdate`, so a controller that derives state there (the elements' JSON source
 * resolves its data in `hostUpdate`) stays in its initial state on the server and the
 * server would render the empty state. This renderer runs `hostUpdate` after `willUpdate`,
 * as the browser does, so the server renders what the browser renders.
 */
import { LitElementRenderer } from '@lit-labs/ssr';
import { ReactiveElement } from 'lit';
import type { ReactiveController } from 'lit';

const controllers = new WeakMap<ReactiveElement, ReactiveController[]>();
let installed = false;

/** Records the controllers each element adds (Lit keeps its own list private). */
function recordControllers(): void {
  if (installed) return;
  installed = true;
  const addController = ReactiveElement.prototype.addController;
  ReactiveElement.prototype.addController = function (this: ReactiveElement, controller: ReactiveController) {
    let list = controllers.get(this);
    if (!list) controllers.set(this, (list = []));
    list.push(controller);
    return addController.call(this, controller);
  };
}

export class ControllerAwareElementRenderer extends LitElementRenderer {
  override connectedCallback(): void {
    // Runs willUpdate (the element hands its sources to the controllers) and update.
    super.connectedCallback();
    const element = this.element as unknown as ReactiveElement;
    for (const controller of controllers.get(element) ?? []) controller.hostUpdate?.();
  }
}

/** Must run before the first element is constructed. */
export function installControllerRecording(): void {
  recordControllers();
}
