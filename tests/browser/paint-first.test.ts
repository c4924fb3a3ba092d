// The script-tag bundles' wait before registering the elements of a pre-rendered page
// (src/internal/paint-first.ts), when `court-widgets.after-paint.js` has waited already: the
// bundle it loads must not wait for another frame (in a frame that gets none, another second).
import { expect } from '@open-wc/testing';
import { defineElement } from '../../src/internal/define-element.js';
import { afterNextPaint, markWaitedForPaint, waitedForPaint } from '../../src/internal/next-paint.js';

describe('paint-first, loaded after the after-paint wait', () => {
  it('registers at once: the page has been painted already', async () => {
    expect(document.visibilityState).to.equal('visible', 'a hidden page never waits: the check below would prove nothing');
    // A pre-rendered element as the parser leaves it: an undefined host with its shadow root.
    const host = document.createElement('court-footer');
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>辽宁省抚顺市中级人民法院</p>';
    document.body.append(host);
    expect(waitedForPaint()).to.equal(false);
    // What court-widgets.after-paint.js does before it imports the bundle.
    await afterNextPaint();
    markWaitedForPaint();
    expect(waitedForPaint()).to.equal(true);
    await import('../../src/internal/paint-first.js');
    const element = class extends HTMLElement {};
    defineElement('cw-after-loader', element);
    // Compared as a boolean: a failed comparison of two classes takes the runner's page down.
    expect(customElements.get('cw-after-loader') === element).to.equal(true, 'registered without a second wait');
    host.remove();
  });
});
