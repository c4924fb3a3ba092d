import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/define/court-article.js';
import '../../src/define/print-controls.js';
import type { PrintControlsElement } from '../../src/elements/print-controls/print-controls.js';
import {
  PRINT_HEADER_ATTR,
  PRINT_PATH_ATTR,
  PRINT_STYLE_ID,
  PRINT_TARGET_ATTR,
  injectStyles,
  restorePrintLayout,
} from '../../src/elements/print-controls/print-layout.js';

// Mocha's globals, provided by @web/test-runner (the project installs no @types/mocha).
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function beforeEach(body: () => Promise<void> | void): void;
declare function afterEach(body: () => Promise<void> | void): void;

const CANONICAL = 'https://court.example.cn/article/detail/2024/02/id/001.shtml';
const HOST_CHROME = [
  '#host-header',
  '.col-menu',
  '.col-side',
  '#host-float',
  '#host-crumbs',
  '#host-share',
  '#host-related',
  '#host-footer',
];

let added: Node[] = [];

/** Puts the crowded host page of tests/fixtures/print-host.html into this document. */
async function loadHostPage(): Promise<HTMLElement> {
  const response = await fetch('/tests/fixtures/print-host.html');
  const source = new DOMParser().parseFromString(await response.text(), 'text/html');
  // The bundle is not loaded here: this document registers the elements from source.
  source.querySelectorAll('script[src]').forEach((s) => s.remove());
  for (const style of Array.from(source.head.querySelectorAll('style'))) {
    const copy = document.importNode(style, true);
    document.head.append(copy);
    added.push(copy);
  }
  for (const node of Array.from(source.body.childNodes)) {
    const copy = document.importNode(node, true);
    document.body.append(copy);
    added.push(copy);
  }
  const article = document.getElementById('court-news') as HTMLElement & {
    readableBlocks(): HTMLElement[];
    updateComplete: Promise<unknown>;
  };
  await waitUntil(() => article.readableBlocks().length > 0, 'the article renders its inline JSON');
  await (document.querySelector('print-controls') as PrintControlsElement).updateComplete;
  return article;
}

function q(selector: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
}

function header(): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[${PRINT_HEADER_ATTR}]`);
}

function printSheets(): CSSStyleSheet[] {
  return document.adoptedStyleSheets.filter((sheet) =>
    Array.from(sheet.cssRules).some((rule) => rule.cssText.includes(PRINT_TARGET_ATTR)),
  );
}

function stubPrint(onPrint: () => void = () => {}): { calls: number; restore(): void } {
  const original = window.print;
  const stub = {
    calls: 0,
    restore: () => {
      window.print = original;
    },
  };
  window.print = () => {
    stub.calls += 1;
    onPrint();
  };
  return stub;
}

afterEach(async () => {
  await emulateMedia({ media: 'screen' });
  window.dispatchEvent(new Event('afterprint'));
  restorePrintLayout();
  for (const node of added) node.parentNode?.removeChild(node);
  added = [];
});

describe('print layout', () => {
  it('under print media shows the article alone, deep inside the host layout', async () => {
    const article = await loadHostPage();
    const controls = q('print-controls');
    // On screen the host page is as its authors made it.
    for (const selector of HOST_CHROME) expect(getComputedStyle(q(selector)).display, selector).to.not.equal('none');
    expect(header()).to.equal(null);

    await emulateMedia({ media: 'print' });
    await waitUntil(() => header() !== null, 'the print layout is applied when print media starts');

    for (const selector of HOST_CHROME) {
      expect(getComputedStyle(q(selector)).display, selector).to.equal('none');
    }
    expect(q('#host-menu').getClientRects().length, 'host menu').to.equal(0);
    expect(q('#host-sidebar').getClientRects().length, 'sidebar').to.equal(0);
    expect(getComputedStyle(controls).display).to.equal('none');

    expect(getComputedStyle(article).display).to.equal('block');
    expect(getComputedStyle(article).visibility).to.equal('visible');
    expect(article.getBoundingClientRect().height).to.be.greaterThan(200);
    const title = article.shadowRoot!.querySelector('h1')!;
    expect(title.textContent).to.contain('于长春在抚顺县人民法院调研时强调');
    expect(title.getClientRects().length).to.be.greaterThan(0);
    const byline = article.shadowRoot!.querySelector<HTMLElement>('[part~="byline"]')!;
    expect(getComputedStyle(byline).display).to.not.equal('none');
    expect(byline.textContent).to.contain('抚顺中院 宣教科');
    const photo = article.shadowRoot!.querySelector<HTMLElement>('photo-caption')!;
    expect(getComputedStyle(photo).display).to.not.equal('none');
    expect(getComputedStyle(photo).breakInside).to.equal('avoid');
    const caption = photo.shadowRoot!.querySelector<HTMLElement>('figcaption')!;
    expect(caption.textContent).to.contain('办公楼南侧空地');
    expect(caption.getClientRects().length, 'caption laid out').to.be.greaterThan(0);
    // The photo itself is laid out at a real size, not collapsed.
    const image = photo.shadowRoot!.querySelector<HTMLImageElement>('img')!;
    expect(image.getBoundingClientRect().width, 'photo width').to.be.greaterThan(100);
    expect(image.getBoundingClientRect().height, 'photo height').to.be.greaterThan(50);
    expect(getComputedStyle(image).visibility).to.equal('visible');

    // The layout around it no longer constrains it: table cells, the clipped frame.
    expect(getComputedStyle(q('.col-main')).display).to.equal('block');
    expect(getComputedStyle(q('.frame')).overflow).to.equal('visible');
    expect(getComputedStyle(q('.frame')).height).to.not.equal('1400px');
    expect(getComputedStyle(q('body')).paddingTop).to.equal('0px');

    // The header line: the article's canonical address and the print date.
    const line = header()!;
    expect(getComputedStyle(line).display).to.not.equal('none');
    expect(line.getClientRects().length).to.be.greaterThan(0);
    expect(line.textContent).to.contain(CANONICAL);
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    expect(line.textContent).to.contain(`打印时间:${today}`);
    expect(line.nextElementSibling).to.equal(article);

    await emulateMedia({ media: 'screen' });
    await waitUntil(() => header() === null, 'the layout is undone when print media ends');
    expect(document.querySelector(`[${PRINT_PATH_ATTR}]`)).to.equal(null);
    expect(article.hasAttribute(PRINT_TARGET_ATTR)).to.equal(false);
    expect(q('#host-menu').getClientRects().length).to.be.greaterThan(0);
  });

  it('follows the browser’s own Print through beforeprint and afterprint, leaving the page as it was', async () => {
    const article = await loadHostPage();
    const before = document.body.innerHTML;
    window.dispatchEvent(new Event('beforeprint'));
    expect(article.hasAttribute(PRINT_TARGET_ATTR)).to.equal(true);
    expect(q('.frame').hasAttribute(PRINT_PATH_ATTR)).to.equal(true);
    expect(document.body.hasAttribute(PRINT_PATH_ATTR)).to.equal(true);
    expect(document.documentElement.hasAttribute(PRINT_PATH_ATTR)).to.equal(true);
    expect(q('.col-menu').hasAttribute(PRINT_PATH_ATTR)).to.equal(false);
    expect(header()!.textContent).to.contain(CANONICAL);
    // A second event (print media starting) does not add a second header.
    window.dispatchEvent(new Event('beforeprint'));
    expect(document.querySelectorAll(`[${PRINT_HEADER_ATTR}]`).length).to.equal(1);

    window.dispatchEvent(new Event('afterprint'));
    expect(header()).to.equal(null);
    expect(document.body.innerHTML).to.equal(before);
  });

  it('injects the print style sheet once, as an adopted constructed sheet', async () => {
    await loadHostPage();
    for (let i = 0; i < 3; i++) {
      window.dispatchEvent(new Event('beforeprint'));
      window.dispatchEvent(new Event('afterprint'));
    }
    expect(printSheets().length).to.equal(1);
    expect(document.getElementById(PRINT_STYLE_ID)).to.equal(null);
  });

  it('falls back to one <style id> element where style sheets cannot be constructed', () => {
    const id = 'print-layout-test-style';
    injectStyles(document, id, 'p { color: rgb(1, 2, 3); }', { useStyleElement: true });
    injectStyles(document, id, 'p { color: rgb(1, 2, 3); }', { useStyleElement: true });
    const styles = document.querySelectorAll(`style#${id}`);
    expect(styles.length).to.equal(1);
    added.push(styles[0]!);
  });

  it('calls window.print only from the 打印 button, with the article laid out alone', async () => {
    let markedDuringPrint = false;
    let article: HTMLElement | null = null;
    // Stubbed before the page loads: loading must not print.
    const print = stubPrint(() => {
      markedDuringPrint = article !== null && article.hasAttribute(PRINT_TARGET_ATTR) && header() !== null;
    });
    try {
      article = await loadHostPage();
      const controls = q('print-controls') as PrintControlsElement;
      expect(print.calls, 'on load').to.equal(0);
      // Nor the browser's own Print (the layout follows it; it does not print again).
      window.dispatchEvent(new Event('beforeprint'));
      await emulateMedia({ media: 'print' });
      await emulateMedia({ media: 'screen' });
      window.dispatchEvent(new Event('afterprint'));
      expect(print.calls, 'on beforeprint and print media').to.equal(0);
      // Nor the other controls.
      const buttons = Array.from(controls.shadowRoot!.querySelectorAll<HTMLButtonElement>('button:not(.print)'));
      const enabled = buttons.filter((b) => !b.disabled);
      // 小 中 大 特大 关怀模式 at least (朗读 too where the browser has a voice).
      expect(enabled.length).to.be.at.least(5);
      for (const button of enabled) button.click();
      await controls.updateComplete;
      expect(print.calls).to.equal(0);

      controls.shadowRoot!.querySelector<HTMLButtonElement>('button.print')!.click();
      expect(print.calls).to.equal(1);
      expect(markedDuringPrint).to.equal(true);
      window.dispatchEvent(new Event('afterprint'));
      expect(article.hasAttribute(PRINT_TARGET_ATTR)).to.equal(false);

      // By keyboard.
      controls.shadowRoot!.querySelector<HTMLButtonElement>('button.print')!.focus();
      await sendKeys({ press: 'Enter' });
      expect(print.calls).to.equal(2);
      window.dispatchEvent(new Event('afterprint'));
      await sendKeys({ press: 'Space' });
      expect(print.calls).to.equal(3);
    } finally {
      print.restore();
    }
  });

  it('prints only its own article from the button, every registered article from the browser’s Print', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <div class="a"><print-controls for="first"></print-controls><article id="first" lang="zh-CN"><p>第一篇</p></article></div>
      <div class="b"><print-controls for="second" url="https://court.example.cn/2.shtml"></print-controls><article id="second"><p>第二篇</p></article></div>
    </div>`);
    const [first, second] = [page.querySelector('#first')!, page.querySelector('#second')!];
    const controls = page.querySelectorAll('print-controls');
    await Promise.all(Array.from(controls, (c) => c.updateComplete));

    window.dispatchEvent(new Event('beforeprint'));
    expect(first.hasAttribute(PRINT_TARGET_ATTR)).to.equal(true);
    expect(second.hasAttribute(PRINT_TARGET_ATTR)).to.equal(true);
    window.dispatchEvent(new Event('afterprint'));

    const print = stubPrint();
    try {
      controls[1]!.shadowRoot!.querySelector<HTMLButtonElement>('button.print')!.click();
      expect(print.calls).to.equal(1);
      expect(second.hasAttribute(PRINT_TARGET_ATTR)).to.equal(true);
      expect(first.hasAttribute(PRINT_TARGET_ATTR)).to.equal(false);
      expect(page.querySelector('.a')!.hasAttribute(PRINT_PATH_ATTR)).to.equal(false);
      // The header of the second article names its own address; the page address otherwise.
      expect(header()!.textContent).to.contain('https://court.example.cn/2.shtml');
      // The beforeprint that window.print() fires keeps the button's choice.
      window.dispatchEvent(new Event('beforeprint'));
      expect(first.hasAttribute(PRINT_TARGET_ATTR)).to.equal(false);
      window.dispatchEvent(new Event('afterprint'));

      controls[0]!.shadowRoot!.querySelector<HTMLButtonElement>('button.print')!.click();
      expect(header()!.textContent).to.contain(location.href);
    } finally {
      print.restore();
    }
  });

  it('prints a plain CMS article alone: figures kept whole, header line before it, controls hidden', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <nav id="plain-menu">栏目导航 PLAINMENU</nav>
      <div style="display: flex">
        <aside id="plain-side" style="width: 200px">侧栏 PLAINSIDE</aside>
        <div>
          <print-controls for="plain"></print-controls>
          <article id="plain" lang="zh-CN">
            <h1>标题</h1>
            <p>第一段。</p>
            <figure id="plain-figure">
              <img src="/demo/img/photo-1.svg" width="640" height="427" alt="办公楼" />
              <figcaption>▲办公楼南侧空地</figcaption>
            </figure>
            <p>第二段。</p>
          </article>
        </div>
      </div>
    </div>`);
    const article = page.querySelector<HTMLElement>('#plain')!;
    const controls = page.querySelector('print-controls')!;
    await controls.updateComplete;
    await emulateMedia({ media: 'print' });
    await waitUntil(() => header() !== null, 'the print layout is applied when print media starts');
    expect(getComputedStyle(page.querySelector('#plain-menu')!).display).to.equal('none');
    expect(getComputedStyle(page.querySelector('#plain-side')!).display).to.equal('none');
    expect(getComputedStyle(controls).display).to.equal('none');
    expect(header()!.nextElementSibling).to.equal(article);
    expect(header()!.textContent).to.contain(location.href);
    const figure = page.querySelector<HTMLElement>('#plain-figure')!;
    expect(getComputedStyle(figure).breakInside).to.equal('avoid');
    expect(getComputedStyle(figure.querySelector('img')!).breakInside).to.equal('avoid');
    expect(figure.querySelector('img')!.getBoundingClientRect().width).to.be.greaterThan(100);
    expect(getComputedStyle(figure.querySelector('figcaption')!).display).to.not.equal('none');
    // On screen, none of it.
    await emulateMedia({ media: 'screen' });
    await waitUntil(() => header() === null, 'the layout is undone when print media ends');
    expect(getComputedStyle(figure).breakInside).to.equal('auto');
    expect(getComputedStyle(page.querySelector('#plain-menu')!).display).to.equal('block');
  });

  it('stops following Print when the controls leave the page', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <print-controls for="only"></print-controls><article id="only"><p>正文</p></article>
    </div>`);
    const article = page.querySelector('#only')!;
    await page.querySelector('print-controls')!.updateComplete;
    page.querySelector('print-controls')!.remove();
    window.dispatchEvent(new Event('beforeprint'));
    expect(article.hasAttribute(PRINT_TARGET_ATTR)).to.equal(false);
    expect(header()).to.equal(null);
  });
});
