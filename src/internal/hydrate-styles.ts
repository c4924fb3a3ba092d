/**
 * Imported by the script-tag bundles after Lit's hydration support and before Lit itself.
 *
 * A pre-rendered element (`court-widgets render`) carries its styles as `<style>` elements in
 * its declarative shadow root, and Lit's hydration keeps that root as it is: it does not adopt
 * the element's styles again. Under a Content-Security-Policy whose `style-src` has neither
 * `'unsafe-inline'` nor the hashes of those styles, the browser drops them, and the article
 * would stay unstyled for good. So a hydrating element also adopts its styles as constructed
 * style sheets, which `style-src` does not govern: with the `<style>` elements allowed, the
 * same rules apply twice and nothing changes; with them refused, the element is styled as soon
 * as the script has run.
 */
import { adoptStyles, type CSSResultOrNative } from '@lit/reactive-element/css-tag.js';

interface HydratableElement extends HTMLElement {
  createRenderRoot(): HTMLElement | DocumentFragment;
}
interface HydrateSupportArgs {
  LitElement: { prototype: HydratableElement; elementStyles?: CSSResultOrNative[] };
}

const scope = globalThis as unknown as { litElementHydrateSupport?: (args: HydrateSupportArgs) => void };
const installHydration = scope.litElementHydrateSupport;

if (typeof installHydration === 'function') {
  scope.litElementHydrateSupport = (args) => {
    installHydration(args);
    const proto = args.LitElement.prototype;
    const createRenderRoot = proto.createRenderRoot;
    proto.createRenderRoot = function (this: HydratableElement) {
      const preRendered = this.shadowRoot;
      const root = createRenderRoot.call(this);
      if (preRendered && root === preRendered) {
        const styles = (this.constructor as { elementStyles?: CSSResultOrNative[] }).elementStyles ?? [];
        adoptStyles(preRendered, styles);
      }
      return root;
    };
  };
}
