// How the package registers its tags (src/internal/define-element.ts): a tag the page has
// already registered is left alone, and registrations made while a hold is on wait for it,
// in order, whether the hold resolves or rejects.
import { expect } from '@open-wc/testing';
import { defineElement, holdDefinitions } from '../../src/internal/define-element.js';

/**
 * A new class each time: a registry takes one constructor for one tag only. Registrations are
 * compared as booleans: a failed comparison of two classes takes the runner's page down.
 */
const element = () => class extends HTMLElement {};

describe('defineElement', () => {
  it('registers a tag at once when nothing holds it', () => {
    const now = element();
    defineElement('cw-now', now);
    expect(customElements.get('cw-now') === now).to.equal(true);
  });

  it('leaves a tag the page registered itself alone, without an error', () => {
    class Page extends HTMLElement {}
    customElements.define('cw-taken', Page);
    defineElement('cw-taken', element());
    expect(customElements.get('cw-taken') === Page).to.equal(true);
  });

  it('keeps registrations while held and makes them in order once the hold resolves', async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    holdDefinitions(hold);
    const order: string[] = [];
    for (const tag of ['cw-held-a', 'cw-held-b']) void customElements.whenDefined(tag).then(() => order.push(tag));
    const [first, second, third] = [element(), element(), element()];
    defineElement('cw-held-a', first);
    defineElement('cw-held-b', second);
    await Promise.resolve();
    expect(customElements.get('cw-held-a')).to.equal(undefined);
    expect(customElements.get('cw-held-b')).to.equal(undefined);
    release();
    await hold;
    await Promise.resolve();
    expect(customElements.get('cw-held-a') === first).to.equal(true);
    expect(customElements.get('cw-held-b') === second).to.equal(true);
    expect(order).to.deep.equal(['cw-held-a', 'cw-held-b']);
    defineElement('cw-after', third);
    expect(customElements.get('cw-after') === third).to.equal(true, 'registered at once after the release');
  });

  it('with two holds, waits for both', async () => {
    let first!: () => void;
    let second!: () => void;
    const holds = [new Promise<void>((resolve) => (first = resolve)), new Promise<void>((resolve) => (second = resolve))];
    holdDefinitions(holds[0]);
    holdDefinitions(holds[1]);
    const held = element();
    defineElement('cw-held-twice', held);
    first();
    await holds[0];
    await Promise.resolve();
    expect(customElements.get('cw-held-twice')).to.equal(undefined, 'the second hold still waits');
    second();
    await holds[1];
    await Promise.resolve();
    expect(customElements.get('cw-held-twice') === held).to.equal(true);
  });

  it('releases the registrations when the hold rejects', async () => {
    let reject!: (e: Error) => void;
    const hold = new Promise<void>((_, no) => (reject = no));
    holdDefinitions(hold);
    const held = element();
    defineElement('cw-held-rejected', held);
    expect(customElements.get('cw-held-rejected')).to.equal(undefined);
    reject(new Error('no frame'));
    await hold.catch(() => undefined);
    await Promise.resolve();
    expect(customElements.get('cw-held-rejected') === held).to.equal(true);
  });
});
