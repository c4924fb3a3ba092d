import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { property } from 'lit/decorators/property.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/define/photo-caption.js';
import type { PhotoCaptionElement } from '../../src/elements/photo-caption/photo-caption.js';
import { courtArticleStyles } from '../../src/elements/court-article/court-article.styles.js';
import { localized, setCourtLocale } from '../../src/internal/localize.js';
import { focusRing, tokens } from '../../src/internal/theme.js';

const PHOTO = '/demo/img/photo-1.svg';
const MISSING = '/tests/fixtures/no-such-image.jpg';

function shadow(el: PhotoCaptionElement): ShadowRoot {
  return el.shadowRoot!;
}

function image(el: PhotoCaptionElement): HTMLImageElement {
  return shadow(el).querySelector<HTMLImageElement>('img.photo')!;
}

function trigger(el: PhotoCaptionElement): HTMLButtonElement {
  return shadow(el).querySelector<HTMLButtonElement>('button.open')!;
}

function dialog(el: PhotoCaptionElement): HTMLDialogElement {
  return shadow(el).querySelector('dialog')!;
}

async function loaded(img: HTMLImageElement): Promise<void> {
  if (!(img.complete && img.naturalWidth > 0)) await oneEvent(img, 'load');
}

/** The elements an `aria-labelledby` or `aria-describedby` of `el` points at, in its own root. */
function targets(el: Element, attribute: 'aria-labelledby' | 'aria-describedby'): HTMLElement[] {
  const root = el.getRootNode() as ShadowRoot;
  const ids = (el.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => {
    const target = root.getElementById(id);
    expect(target, `${attribute} points at a missing #${id}`).to.not.equal(null);
    return target!;
  });
}

/** The text a referenced element gives an accessible name or description: aria-hidden parts left out, an image's alt. */
function referencedText(el: Element): string {
  const walk = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.nodeValue ?? '';
    if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
    if (node instanceof HTMLImageElement) return node.alt;
    return [...node.childNodes].map(walk).join('');
  };
  return walk(el).replace(/\s+/g, ' ').trim();
}

/** The open button's accessible name and description, from what they reference (aria-label would win: there is none). */
function described(el: PhotoCaptionElement): { name: string; description: string } {
  const button = trigger(el);
  expect(button.hasAttribute('aria-label'), 'no aria-label overrides the referenced name').to.equal(false);
  return {
    name: targets(button, 'aria-labelledby').map(referencedText).join(' '),
    description: targets(button, 'aria-describedby').map(referencedText).join(' '),
  };
}

/** The nearest value of `attribute` on `el` or an ancestor, across shadow roots: how assistive technology reads lang and dir. */
function marked(el: Element, attribute: 'lang' | 'dir'): string | null {
  let current: Element | null = el;
  while (current) {
    const hit: Element | null = current.closest(`[${attribute}]:not([${attribute}=""])`);
    if (hit) return hit.getAttribute(attribute);
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/**
 * A localized court element whose shadow root holds content in zh-CN, like `<court-article>`
 * holding a Chinese article: a `<photo-caption>` inside takes the host's interface language.
 */
@localized()
class ContentHost extends LitElement {
  @property({ attribute: 'caption' }) caption = '';
  @property({ attribute: 'alt' }) alt = '';
  @property({ attribute: 'src' }) src = PHOTO;
  /** Language of the content around the photo. */
  @property({ attribute: 'content-lang' }) contentLang = 'zh-CN';
  /** Direction of the content around the photo, when the host marks it. */
  @property({ attribute: 'content-dir' }) contentDir?: string;
  protected override render() {
    return html`<div lang=${this.contentLang} dir=${ifDefined(this.contentDir)}><photo-caption src=${this.src} alt=${this.alt} caption=${this.caption} width="1280" height="853"></photo-caption></div>`;
  }
}
customElements.define('photo-caption-content-host', ContentHost);

/** The photo-caption inside a content host in `lang`, once its open button is named `name`. */
async function inContent(lang: string, caption: string, name: string, content: { lang?: string; dir?: string } = {}): Promise<PhotoCaptionElement> {
  const page = await fixture<HTMLElement>(html`<div lang=${lang}><photo-caption-content-host caption=${caption}
    content-lang=${ifDefined(content.lang)} content-dir=${ifDefined(content.dir)}></photo-caption-content-host></div>`);
  const host = page.querySelector<ContentHost>('photo-caption-content-host')!;
  await waitUntil(() => host.shadowRoot?.querySelector('photo-caption')?.shadowRoot?.querySelector('button.open'), 'the host did not render its photo');
  const el = host.shadowRoot!.querySelector<PhotoCaptionElement>('photo-caption')!;
  await waitUntil(() => named(el, name), `the open button is not named "${name}"`);
  return el;
}

/** Whether the interface text at the start of the open button's name is `name`. */
function named(el: PhotoCaptionElement, name: string): boolean {
  const button = shadow(el).querySelector('button.open');
  const [first] = (button?.getAttribute('aria-labelledby') ?? '').split(/\s+/);
  return shadow(el).getElementById(first ?? '')?.textContent === name;
}

/** Where the marker and the caption's text are drawn, left to right. */
function captionLayout(el: PhotoCaptionElement): { marker: DOMRect; text: DOMRect } {
  const caption = shadow(el).querySelector('figcaption')!;
  const marker = caption.querySelector('[part="marker"]')!;
  const range = document.createRange();
  range.selectNodeContents(caption);
  range.setStartAfter(marker);
  return { marker: marker.getBoundingClientRect(), text: range.getBoundingClientRect() };
}

/** A stand-in for `<court-article>`: its styles (with its 关怀模式 for photos), a button of its own and a photo in its body. */
class CareHost extends LitElement {
  static override styles = [tokens, focusRing, courtArticleStyles];
  @property({ type: Boolean, reflect: true }) care = false;
  protected override render() {
    return html`<div class="body"><button class="plain" type="button">打印</button><photo-caption src=${PHOTO} caption="说明" width="1280" height="853"></photo-caption></div>`;
  }
}
customElements.define('photo-caption-care-host', CareHost);

/** The focus ring and pointer of `el`, as drawn. */
function ring(el: Element): Record<string, string> {
  const style = getComputedStyle(el);
  return {
    outlineStyle: style.outlineStyle,
    outlineWidth: style.outlineWidth,
    outlineColor: style.outlineColor,
    outlineOffset: style.outlineOffset,
    boxShadow: style.boxShadow,
    cursor: style.cursor,
  };
}

describe('photo-caption', () => {
  it('renders a figure with the caption after the ▲ marker', async () => {
    const el = await fixture<PhotoCaptionElement>(
      html`<photo-caption src=${PHOTO} caption="于长春院长考察上马法庭" width="1280" height="853"></photo-caption>`,
    );
    const figure = shadow(el).querySelector('figure')!;
    const caption = figure.querySelector('figcaption')!;
    expect(caption.textContent!.trim()).to.equal('▲于长春院长考察上马法庭');
    const marker = caption.querySelector('[part="marker"]')!;
    expect(marker.textContent).to.equal('▲');
    expect(marker.getAttribute('aria-hidden')).to.equal('true');
    expect(figure.contains(image(el))).to.equal(true);
  });

  it('draws another marker, or none with marker=""', async () => {
    const custom = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} caption="说明" marker="●"></photo-caption>`);
    expect(shadow(custom).querySelector('figcaption')!.textContent!.trim()).to.equal('●说明');

    const none = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} caption="说明" marker=""></photo-caption>`);
    expect(shadow(none).querySelector('[part="marker"]')).to.equal(null);
    expect(shadow(none).querySelector('figcaption')!.textContent!.trim()).to.equal('说明');
  });

  it('draws the marker once when an old caption already starts with ▲', async () => {
    const el = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} caption="▲ 于长春院长考察石文法庭"></photo-caption>`);
    expect(shadow(el).querySelector('figcaption')!.textContent!.trim()).to.equal('▲于长春院长考察石文法庭');
    expect(image(el).alt).to.equal('于长春院长考察石文法庭');
    expect(described(el)).to.deep.equal({ name: '查看大图 于长春院长考察石文法庭', description: '' });
  });

  it('names each image button with interface text and its own text alternative, so that two photos differ', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <photo-caption src=${PHOTO} alt="于长春院长在上马法庭" caption="于长春院长考察上马法庭"></photo-caption>
      <photo-caption src=${PHOTO} alt="会议室全景" caption="在抚顺县人民法院召开座谈会"></photo-caption>
    </div>`);
    const [first, second] = [...page.querySelectorAll<PhotoCaptionElement>('photo-caption')];
    await first!.updateComplete;
    await second!.updateComplete;
    // The alt is heard once, in the name; the caption, shown below and naming the figure, is
    // not read again as a description.
    expect(described(first!)).to.deep.equal({ name: '查看大图 于长春院长在上马法庭', description: '' });
    expect(described(second!)).to.deep.equal({ name: '查看大图 会议室全景', description: '' });
    expect(described(first!).name).to.not.equal(described(second!).name);
    // Interface text and content stay apart: the name is the hidden interface text followed by the image itself.
    const [name, img] = targets(trigger(first!), 'aria-labelledby');
    expect(name!.hidden, 'the interface text is not shown twice').to.equal(true);
    expect(img).to.equal(image(first!));
    expect(trigger(first!).getAttribute('aria-haspopup')).to.equal('dialog');
    await expect(page).to.be.accessible();
  });

  it('names the image button with the caption when there is no alt, and with interface text alone without either', async () => {
    const captioned = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} caption="于长春院长考察上马法庭"></photo-caption>`);
    expect(described(captioned)).to.deep.equal({ name: '查看大图 于长春院长考察上马法庭', description: '' });
    await expect(captioned).to.be.accessible();

    const withAlt = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} alt="会议室全景"></photo-caption>`);
    expect(shadow(withAlt).querySelector('figcaption')).to.equal(null);
    expect(described(withAlt)).to.deep.equal({ name: '查看大图 会议室全景', description: '' });
    expect(shadow(withAlt).querySelectorAll('[hidden]').length, 'no hidden copy of the alt text').to.equal(1);
    await expect(withAlt).to.be.accessible();

    const bare = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO}></photo-caption>`);
    expect(trigger(bare).hasAttribute('aria-describedby')).to.equal(false);
    expect(described(bare)).to.deep.equal({ name: '查看大图', description: '' });
    await expect(bare).to.be.accessible();
  });

  it('keeps the name up to date with the same ids on every render', async () => {
    const el = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} caption="第一张"></photo-caption>`);
    const before = trigger(el).getAttribute('aria-labelledby');
    el.caption = '第二张';
    await el.updateComplete;
    expect(trigger(el).getAttribute('aria-labelledby')).to.equal(before);
    expect(described(el).name).to.equal('查看大图 第二张');
    // Without caption the name takes the text alternative; the alt wins over a caption.
    el.caption = '';
    el.alt = '替代文字';
    await el.updateComplete;
    expect(described(el).name).to.equal('查看大图 替代文字');
    el.caption = '第三张';
    await el.updateComplete;
    expect(described(el).name).to.equal('查看大图 替代文字');
    expect(shadow(el).querySelectorAll('[id]').length, 'ids are unique inside the shadow root').to.equal(
      new Set([...shadow(el).querySelectorAll('[id]')].map((n) => n.id)).size,
    );
  });

  it('speaks the name in the reader\'s language and the caption in the content\'s: English interface, Chinese article', async () => {
    const el = await inContent('en', '于长春院长考察上马法庭', 'View full image');
    const button = trigger(el);
    expect(described(el)).to.deep.equal({ name: 'View full image 于长春院长考察上马法庭', description: '' });
    const [name, img] = targets(button, 'aria-labelledby');
    expect(marked(name!, 'lang')).to.equal('en');
    expect(marked(name!, 'dir')).to.equal('ltr');
    expect(button.getAttribute('lang'), 'the button itself is marked English').to.equal('en');
    // The image's text alternative inside the English button keeps the content's language.
    expect(img).to.equal(image(el));
    expect(marked(img!, 'lang')).to.equal('zh-CN');
    expect(marked(shadow(el).querySelector('figcaption')!, 'lang')).to.equal('zh-CN');
    await expect(el).to.be.accessible();
  });

  it('marks the name right to left in a Uyghur interface, the caption stays Chinese', async () => {
    const el = await inContent('ug', '于长春院长考察上马法庭', 'چوڭ رەسىمنى كۆرۈش');
    const button = trigger(el);
    const [name, img] = targets(button, 'aria-labelledby');
    expect(marked(name!, 'lang')).to.equal('ug');
    expect(marked(name!, 'dir')).to.equal('rtl');
    expect(referencedText(img!)).to.equal('于长春院长考察上马法庭');
    expect(marked(img!, 'lang')).to.equal('zh-CN');
    expect(marked(img!, 'dir')).to.equal('ltr');
    await expect(el).to.be.accessible();
  });

  it('keeps a Chinese caption left to right with the marker first in a Uyghur interface; only the dialog\'s bar mirrors', async () => {
    const el = await inContent('ug', '于长春院长考察上马法庭', 'چوڭ رەسىمنى كۆرۈش');
    expect(el.getAttribute('dir'), 'the element itself takes the interface direction').to.equal('rtl');
    const caption = shadow(el).querySelector('figcaption')!;
    expect(getComputedStyle(caption).direction).to.equal('ltr');
    const { marker, text } = captionLayout(el);
    expect(marker.right, 'the ▲ marker is drawn before the caption, on its left').to.be.at.most(text.left + 1);
    expect(getComputedStyle(image(el)).direction).to.equal('ltr');

    trigger(el).click();
    await el.updateComplete;
    const bar = dialog(el).querySelector<HTMLElement>('.dialog-bar')!;
    const dialogCaption = bar.querySelector<HTMLElement>('.dialog-caption')!;
    const close = bar.querySelector<HTMLButtonElement>('button.close')!;
    expect(getComputedStyle(dialogCaption).direction).to.equal('ltr');
    expect(marked(dialogCaption, 'lang')).to.equal('zh-CN');
    expect(getComputedStyle(close).direction).to.equal('rtl');
    expect(close.getAttribute('lang')).to.equal('ug');
    // The bar mirrors: 关闭 at the left end, the caption at the right.
    expect(close.getBoundingClientRect().right).to.be.at.most(dialogCaption.getBoundingClientRect().left);
    await expect(el).to.be.accessible();
    dialog(el).close();
  });

  it('on its own in a Chinese page shown in Uyghur, keeps the caption left to right with the marker first', async () => {
    const before = document.documentElement.getAttribute('lang');
    document.documentElement.setAttribute('lang', 'zh-CN');
    try {
      await setCourtLocale('ug');
      const el = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} caption="于长春院长考察上马法庭"></photo-caption>`);
      await waitUntil(() => named(el, 'چوڭ رەسىمنى كۆرۈش'), 'the open button is not named in Uyghur');
      expect(el.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(shadow(el).querySelector('figcaption')!).direction).to.equal('ltr');
      const { marker, text } = captionLayout(el);
      expect(marker.right).to.be.at.most(text.left + 1);
      expect(marked(image(el), 'lang')).to.equal('zh-CN');
      expect(trigger(el).getAttribute('lang')).to.equal('ug');
      await expect(el).to.be.accessible();
    } finally {
      await setCourtLocale(null);
      if (before === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.setAttribute('lang', before);
    }
  });

  it('marks the interface text of a broken image and of an unnamed dialog with the reader\'s language, the alt with the content\'s', async () => {
    const box = await fixture<HTMLElement>(html`<div lang="en">
      <photo-caption-content-host src=${MISSING} alt="会议室全景" caption="座谈会"></photo-caption-content-host>
      <photo-caption-content-host src=${MISSING}></photo-caption-content-host>
      <photo-caption-content-host></photo-caption-content-host>
    </div>`);
    const [described, bare, unnamed] = [...box.querySelectorAll<ContentHost>('photo-caption-content-host')].map(
      (host) => host.shadowRoot!.querySelector<PhotoCaptionElement>('photo-caption')!,
    ) as [PhotoCaptionElement, PhotoCaptionElement, PhotoCaptionElement];
    const placeholder = (el: PhotoCaptionElement) => shadow(el).querySelector<HTMLElement>('[part="placeholder"]');
    await waitUntil(() => placeholder(described)?.textContent?.trim() === 'Image unavailable' && placeholder(bare), 'the placeholders did not appear in English');
    // The box is labelled by the alt (content); the text it shows is the interface's.
    expect(placeholder(described)!.getAttribute('aria-label')).to.equal('会议室全景');
    expect(marked(placeholder(described)!, 'lang')).to.equal('zh-CN');
    expect(marked(placeholder(described)!.querySelector('span')!, 'lang')).to.equal('en');
    // Without alt the box is labelled and filled by interface text.
    expect(placeholder(bare)!.getAttribute('aria-label')).to.equal('Image unavailable');
    expect(marked(placeholder(bare)!, 'lang')).to.equal('en');
    // A dialog without caption or alt is named by interface text.
    await waitUntil(() => named(unnamed, 'View full image'), 'the photo is not named in English');
    expect(dialog(unnamed).getAttribute('aria-label')).to.equal('Full image');
    expect(marked(dialog(unnamed), 'lang')).to.equal('en');
    await expect(box).to.be.accessible();
  });

  it('keeps a Uyghur article\'s caption right to left in a Chinese interface, the marker at its right', async () => {
    const el = await inContent('zh-CN', 'سوت مەھكىمىسى', '查看大图', { lang: 'ug', dir: 'rtl' });
    expect(el.getAttribute('dir')).to.equal('ltr');
    expect(getComputedStyle(shadow(el).querySelector('figcaption')!).direction).to.equal('rtl');
    const { marker, text } = captionLayout(el);
    expect(marker.left, 'the marker starts the right-to-left caption').to.be.at.least(text.right - 1);
    expect(trigger(el).getAttribute('lang')).to.equal('zh-CN');
    expect(getComputedStyle(trigger(el)).direction).to.equal('ltr');
    await expect(el).to.be.accessible();
  });

  it('adds no lang to the image button when the interface and the content share a language', async () => {
    const el = await inContent('zh-CN', '于长春院长考察上马法庭', '查看大图');
    expect(trigger(el).hasAttribute('lang')).to.equal(false);
    expect(image(el).hasAttribute('lang')).to.equal(false);
    expect(marked(targets(trigger(el), 'aria-labelledby')[0]!, 'lang')).to.equal('zh-CN');
  });

  it('loads lazily and asynchronously and passes srcset and sizes through', async () => {
    const el = await fixture<PhotoCaptionElement>(
      html`<photo-caption src=${PHOTO} caption="说明" srcset="${PHOTO} 1280w" sizes="100vw"></photo-caption>`,
    );
    const img = image(el);
    expect(img.getAttribute('loading')).to.equal('lazy');
    expect(img.getAttribute('decoding')).to.equal('async');
    expect(img.getAttribute('srcset')).to.equal(`${PHOTO} 1280w`);
    expect(img.getAttribute('sizes')).to.equal('100vw');
  });

  it('fetches the image at once with loading="eager"', async () => {
    await setViewport({ width: 800, height: 600 });
    const wrapper = await fixture<HTMLDivElement>(html`<div style="padding-top: 20000px">
      <photo-caption src="${PHOTO}?eager=1" caption="说明" width="1280" height="853" loading="eager"></photo-caption>
    </div>`);
    const el = wrapper.querySelector('photo-caption')!;
    await el.updateComplete;
    const img = image(el);
    expect(img.getAttribute('loading')).to.equal('eager');
    // Far below the window, and fetched all the same.
    await loaded(img);
    expect(img.naturalWidth).to.be.greaterThan(0);
  });

  it('drops an unsafe src and srcset', async () => {
    const el = await fixture<PhotoCaptionElement>(
      html`<photo-caption src="javascript:alert(1)" caption="说明" srcset="javascript:alert(1) 1x"></photo-caption>`,
    );
    expect(shadow(el).querySelector('img')).to.equal(null);
    expect(shadow(el).querySelector('[part="placeholder"]')).to.not.equal(null);

    const srcset = await fixture<PhotoCaptionElement>(
      html`<photo-caption src=${PHOTO} caption="说明" srcset="${PHOTO} 1x, javascript:alert(1) 2x"></photo-caption>`,
    );
    expect(image(srcset).hasAttribute('srcset')).to.equal(false);
  });

  it('reserves the space of width × height before the image loads', async () => {
    await setViewport({ width: 800, height: 600 });
    // Far below the viewport, a lazy image is not fetched.
    const wrapper = await fixture<HTMLDivElement>(html`<div style="padding-top: 20000px; width: 600px">
      <photo-caption src="${PHOTO}?not-yet=1" caption="说明" width="1200" height="800"></photo-caption>
    </div>`);
    const el = wrapper.querySelector('photo-caption')!;
    await el.updateComplete;
    const img = image(el);
    expect(img.naturalWidth).to.equal(0);
    const box = img.getBoundingClientRect();
    expect(Math.round(box.width)).to.equal(600);
    expect(Math.round(box.height)).to.equal(400);
  });

  it('does not shift the layout when the image arrives: the figure is as tall before as after', async () => {
    await setViewport({ width: 800, height: 600 });
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 600px">
      <div style="height: 20000px"></div>
      <photo-caption src="${PHOTO}?shift=1" caption="于长春院长考察上马法庭" width="1280" height="853"></photo-caption>
      <p id="below">图片下方的文字</p>
    </div>`);
    const el = wrapper.querySelector('photo-caption')!;
    await el.updateComplete;
    const img = image(el);
    const figure = shadow(el).querySelector('figure')!;
    const below = wrapper.querySelector('#below')!;
    expect(img.naturalWidth, 'the lazy image far below the viewport is not loaded yet').to.equal(0);
    const before = { figure: figure.getBoundingClientRect().height, host: el.getBoundingClientRect().height, below: below.getBoundingClientRect().top - wrapper.getBoundingClientRect().top };
    expect(Math.round(img.getBoundingClientRect().height)).to.equal(Math.round((600 * 853) / 1280));

    el.scrollIntoView();
    await loaded(img);
    expect(img.naturalWidth).to.be.greaterThan(0);
    const after = { figure: figure.getBoundingClientRect().height, host: el.getBoundingClientRect().height, below: below.getBoundingClientRect().top - wrapper.getBoundingClientRect().top };
    expect(after).to.deep.equal(before);
    window.scrollTo(0, 0);
  });

  it('draws a loaded photo in its own proportions when width and height are wrong; right ones give the same box before and after', async () => {
    await setViewport({ width: 800, height: 600 });
    // photo-1.svg is 1280 × 853. The first two elements have width and height swapped, as an
    // export of a phone photo turned by its EXIF orientation writes them; the last is right.
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 600px">
      <div style="height: 20000px"></div>
      <photo-caption src="${PHOTO}?swapped=1" caption="宽高写反的照片" width="853" height="1280"></photo-caption>
      <photo-caption src="${PHOTO}?swapped=2" caption="宽高写反、只有样式的照片" width="853" height="1280"></photo-caption>
      <photo-caption src="${PHOTO}?right=1" caption="宽高正确的照片" width="1280" height="853"></photo-caption>
    </div>`);
    const photos = [...wrapper.querySelectorAll<PhotoCaptionElement>('photo-caption')];
    await Promise.all(photos.map((el) => el.updateComplete));
    const [swapped, styled, right] = photos.map(image) as [HTMLImageElement, HTMLImageElement, HTMLImageElement];
    // The second one keeps only what the shadow root's styles and the attributes give, as on a
    // page rendered on the server before its script runs: what script set is taken away.
    styled.removeAttribute('style');
    shadow(photos[1]!).querySelector('.frame')!.removeAttribute('style');
    const box = (img: HTMLImageElement) => {
      const rect = img.getBoundingClientRect();
      return { width: rect.width, height: rect.height };
    };
    const before = [swapped, styled, right].map((img) => {
      expect(img.naturalWidth, 'the lazy images far below the window are not loaded yet').to.equal(0);
      return box(img);
    });
    // Before the image arrives, the data is all there is: width × height reserve the box.
    for (const reserved of before.slice(0, 2)) {
      expect(Math.round(reserved.width)).to.equal(600);
      expect(Math.round(reserved.height)).to.equal(Math.round((600 * 1280) / 853));
    }
    expect(Math.round(before[2]!.height)).to.equal(Math.round((600 * 853) / 1280));

    photos[0]!.scrollIntoView();
    await Promise.all([swapped, styled, right].map(loaded));
    expect([swapped.naturalWidth, swapped.naturalHeight]).to.deep.equal([1280, 853]);
    // Once loaded, the image's own proportions win: drawn at its ratio, not stretched to the data's.
    for (const img of [swapped, styled]) {
      const drawn = box(img);
      expect(drawn.width / drawn.height, img.src).to.be.closeTo(1280 / 853, 0.01);
      expect(Math.round(drawn.width), img.src).to.equal(600);
      expect(getComputedStyle(img).objectFit, 'a box of another shape would show the whole photo, never a stretched one').to.equal('contain');
    }
    // With right data nothing moves.
    expect(box(right)).to.deep.equal(before[2]);
    window.scrollTo(0, 0);
  });

  it('works on its own: only photo-caption is registered on this page', async () => {
    expect(customElements.get('court-article')).to.equal(undefined);
    const el = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} caption="单独使用的图片"></photo-caption>`);
    await loaded(image(el));
    expect(shadow(el).querySelector('figcaption')!.textContent!.trim()).to.equal('▲单独使用的图片');
    expect(image(el).naturalWidth).to.be.greaterThan(0);
  });

  it('uses the caption as the text alternative when alt is empty', async () => {
    const el = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} caption="在抚顺县人民法院召开座谈会"></photo-caption>`);
    expect(image(el).alt).to.equal('在抚顺县人民法院召开座谈会');

    const withAlt = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} alt="会议室全景" caption="座谈会"></photo-caption>`);
    expect(image(withAlt).alt).to.equal('会议室全景');
  });

  it('shows a neutral box with the caption when the image is broken', async () => {
    const el = await fixture<PhotoCaptionElement>(
      html`<photo-caption src=${MISSING} caption="无法显示的照片" width="400" height="300"></photo-caption>`,
    );
    await waitUntil(() => shadow(el).querySelector('[part="placeholder"]'), 'the placeholder did not appear');
    expect(shadow(el).querySelector('img')).to.equal(null);
    const box = shadow(el).querySelector<HTMLElement>('[part="placeholder"]')!;
    expect(box.getAttribute('role')).to.equal('img');
    expect(box.getAttribute('aria-label')).to.equal('无法显示的照片');
    expect(shadow(el).querySelector('figcaption')!.textContent).to.contain('无法显示的照片');
    const rect = box.getBoundingClientRect();
    expect(Math.round(rect.width / rect.height * 3)).to.equal(4);
    await expect(el).to.be.accessible();
  });

  it('shows the image again when a broken src is replaced by a working one', async () => {
    const el = await fixture<PhotoCaptionElement>(html`<photo-caption src=${MISSING} caption="换图"></photo-caption>`);
    await waitUntil(() => shadow(el).querySelector('[part="placeholder"]'), 'the placeholder did not appear');
    el.src = PHOTO;
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="placeholder"]')).to.equal(null);
    await loaded(image(el));
    expect(image(el).naturalWidth).to.be.greaterThan(0);
  });

  it('opens the full image in a modal dialog on click; the close button closes it and focus returns', async () => {
    const el = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} caption="考察石文法庭" width="1280" height="853"></photo-caption>`);
    const button = trigger(el);
    expect(described(el)).to.deep.equal({ name: '查看大图 考察石文法庭', description: '' });
    button.click();
    await el.updateComplete;
    const d = dialog(el);
    expect(d.open).to.equal(true);
    expect(d.matches(':modal')).to.equal(true);
    expect(d.querySelector('img.full')!.getAttribute('src')).to.equal(PHOTO);
    const close = d.querySelector<HTMLButtonElement>('button.close')!;
    expect(shadow(el).activeElement).to.equal(close);
    close.click();
    await el.updateComplete;
    expect(d.open).to.equal(false);
    expect(shadow(el).activeElement).to.equal(button);
  });

  it('opens by Enter and by Space; Esc closes and focus returns to the image button', async () => {
    const el = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} caption="考察上马法庭"></photo-caption>`);
    const button = trigger(el);
    button.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(el).open, 'Esc did not close the dialog');
    expect(shadow(el).activeElement).to.equal(button);

    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(el).open, 'Esc did not close the dialog');
    expect(shadow(el).activeElement).to.equal(button);
  });

  it('passes an accessibility audit with the image loaded and with the dialog open', async () => {
    const el = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} caption="座谈会" width="1280" height="853"></photo-caption>`);
    await loaded(image(el));
    await expect(el).to.be.accessible();
    trigger(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    dialog(el).close();
  });

  it('passes an accessibility audit while the image is still loading', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="padding-top: 20000px">
      <photo-caption src="${PHOTO}?not-yet=2" caption="座谈会" width="1280" height="853"></photo-caption>
    </div>`);
    const el = wrapper.querySelector('photo-caption')!;
    await el.updateComplete;
    expect(image(el).naturalWidth).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('in 关怀模式 of the article around it, draws the same focus ring and pointer as the article\'s own buttons', async () => {
    const host = await fixture<CareHost>(html`<photo-caption-care-host></photo-caption-care-host>`);
    const el = host.shadowRoot!.querySelector<PhotoCaptionElement>('photo-caption')!;
    await el.updateComplete;
    const plain = host.shadowRoot!.querySelector<HTMLButtonElement>('button.plain')!;
    const photo = trigger(el);
    /** Focuses the article's button, then Tabs to the photo: both rings as drawn by keyboard focus. */
    const rings = async () => {
      plain.focus();
      await sendKeys({ press: 'Shift' });
      expect(plain.matches(':focus-visible')).to.equal(true);
      const own = ring(plain);
      await sendKeys({ press: 'Tab' });
      expect(shadow(el).activeElement).to.equal(photo);
      expect(photo.matches(':focus-visible')).to.equal(true);
      return { own, photo: ring(photo) };
    };

    const normal = await rings();
    expect(normal.photo.outlineWidth).to.equal('3px');
    expect(normal.photo.outlineOffset).to.equal('2px');
    expect(normal.photo.boxShadow).to.equal('none');
    expect(normal.photo.cursor).to.equal('zoom-in');

    host.care = true;
    await host.updateComplete;
    const care = await rings();
    expect(care.own.outlineWidth, 'the article\'s own care ring').to.equal('4px');
    expect(care.photo).to.deep.equal(care.own);
    expect(care.photo.boxShadow).to.contain('rgb(255, 221, 0)');
    expect(care.photo.cursor).to.match(/^url\(/);
  });

  it('takes its colours from the documented custom properties; the marker defaults to the court accent', async () => {
    const plain = await fixture<PhotoCaptionElement>(html`<photo-caption src=${PHOTO} caption="说明"></photo-caption>`);
    const accent = getComputedStyle(shadow(plain).querySelector('[part="marker"]')!).color;
    expect(accent).to.equal('rgb(176, 25, 30)');
    const themed = await fixture<PhotoCaptionElement>(
      html`<photo-caption style="--photo-caption-marker-color: rgb(0, 102, 51); --photo-caption-caption-color: rgb(17, 34, 51)" src=${PHOTO} caption="说明"></photo-caption>`,
    );
    expect(getComputedStyle(shadow(themed).querySelector('[part="marker"]')!).color).to.equal('rgb(0, 102, 51)');
    expect(getComputedStyle(shadow(themed).querySelector('figcaption')!).color).to.equal('rgb(17, 34, 51)');
  });

  it('fits a 360 px wide screen without horizontal scrolling', async () => {
    await setViewport({ width: 360, height: 640 });
    const el = await fixture<PhotoCaptionElement>(
      html`<photo-caption src=${PHOTO} width="1280" height="853" caption="一个很长很长的图片说明,https://court.example.cn/a/very/long/url/that/must/wrap/inside/its/own/box.shtml"></photo-caption>`,
    );
    await loaded(image(el));
    expect(document.documentElement.scrollWidth).to.be.at.most(360);
    expect(el.getBoundingClientRect().right).to.be.at.most(360);
    await setViewport({ width: 800, height: 600 });
  });

  it('in an auto-layout table cell of an old template, a large photo never widens the cell', async () => {
    await setViewport({ width: 1200, height: 800 });
    const page = await fixture<HTMLDivElement>(html`<div>
      ${[0, 1].map(
        (i) => html`<table style="width: 1000px">
          <tr>
            <td width="200">栏目导航</td>
            <td>${i ? html`<photo-caption src=${PHOTO} width="1280" height="853" caption="调研现场"></photo-caption>` : '正文'}</td>
            <td width="200">图片新闻</td>
          </tr>
        </table>`,
      )}
    </div>`);
    const [plain, withPhoto] = [...page.querySelectorAll('table')];
    const el = page.querySelector<PhotoCaptionElement>('photo-caption')!;
    await el.updateComplete;
    const columns = (table: HTMLTableElement) => [...table.querySelectorAll('td')].map((td) => Math.round(td.getBoundingClientRect().width));
    // The columns the template gives, as with a line of text in the middle (196/600/196 or so).
    const planned = columns(plain!);
    expect(planned[1]).to.be.within(580, 600);
    expect(columns(withPhoto!), 'before the image has loaded').to.deep.equal(planned);
    await loaded(image(el));
    expect(columns(withPhoto!), 'once it has loaded').to.deep.equal(planned);
    expect(image(el).getBoundingClientRect().width).to.be.within(planned[1]! - 20, planned[1]!);
    await setViewport({ width: 800, height: 600 });
  });
});
