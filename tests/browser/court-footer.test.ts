import { fixture, html, expect, waitUntil } from '@open-wc/testing';
import '../../src/define/court-footer.js';
import type { CourtFooterElement } from '../../src/elements/court-footer/court-footer.js';
import { telHref, publicSecurityHref } from '../../src/elements/court-footer/court-footer.js';
import type { Site } from '../../src/model/types.js';


/** The site data of the seed page, as in the contract. */
function seedSite(): Site {
  return {
    version: 1,
    name: '辽宁省抚顺市中级人民法院',
    links: [
      { label: '最高人民法院', href: 'https://www.court.gov.cn/' },
      { label: '中国法院网', href: 'https://www.chinacourt.org/' },
    ],
    address: '辽宁省抚顺市中级人民法院',
    postcode: '113006',
    phones: [
      { label: '办公电话', number: '024-57719303' },
      { label: '诉讼服务热线(查询案件、联系法官)', number: '12368' },
      { label: '纪检监察举报电话', number: '024-57719329' },
    ],
    reportSite: { label: '举报网站', href: 'http://jubao.court.gov.cn' },
    transport: '乘808、33、19、605路到将军商场下车即可',
    copyright: '辽宁省抚顺市中级人民法院版权所有,未经协议授权禁止下载使用或建立镜像',
    credits: '中国法院网负责网站设计制作 网络安全和技术维护',
  };
}

/** Silences and records console.warn for the duration of `fn`. */
async function capturingWarnings<T>(fn: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const original = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  try {
    return { result: await fn(), warnings };
  } finally {
    console.warn = original;
  }
}

async function footerWith(site: unknown, lang = 'zh-CN'): Promise<CourtFooterElement> {
  const el = await fixture<CourtFooterElement>(html`<court-footer lang=${lang} .site=${site as Site}></court-footer>`);
  await el.updateComplete;
  return el;
}

function root(el: CourtFooterElement): ShadowRoot {
  return el.shadowRoot!;
}

/** Text a reader sees, whitespace collapsed. */
function seen(node: Element | ShadowRoot): string {
  const text = node instanceof ShadowRoot ? [...node.children].map((c) => (c as HTMLElement).innerText ?? c.textContent).join(' ') : (node as HTMLElement).innerText;
  return text.replace(/\s+/g, ' ').trim();
}

function jsonUrl(value: unknown): string {
  return URL.createObjectURL(new Blob([JSON.stringify(value)], { type: 'application/json' }));
}

describe('<court-footer>', () => {
  afterEach(() => {
    document.documentElement.setAttribute('lang', 'zh-CN');
    document.documentElement.removeAttribute('dir');
  });

  describe('rendering the seed site', () => {
    it('shows every field of the site data', async () => {
      const el = await footerWith(seedSite());
      const text = seen(root(el));
      for (const expected of [
        '辽宁省抚顺市中级人民法院',
        '最高人民法院',
        '中国法院网',
        '地址:',
        '邮编:',
        '113006',
        '办公电话',
        '024-57719303',
        '纪检监察举报电话',
        '024-57719329',
        '举报网站',
        'http://jubao.court.gov.cn',
        '交通:',
        '乘808、33、19、605路到将军商场下车即可',
        '辽宁省抚顺市中级人民法院版权所有,未经协议授权禁止下载使用或建立镜像',
        '中国法院网负责网站设计制作 网络安全和技术维护',
      ]) {
        expect(text, expected).to.contain(expected);
      }
    });

    it('renders every phone number as a tel: link', async () => {
      const el = await footerWith(seedSite());
      const hrefs = [...root(el).querySelectorAll<HTMLAnchorElement>('a[href^="tel:"]')].map((a) => a.getAttribute('href'));
      expect(hrefs).to.have.members(['tel:12368', 'tel:02457719303', 'tel:02457719329']);
    });

    it('puts 12368 first, labelled and larger than other numbers', async () => {
      const el = await footerWith(seedSite());
      const telLinks = [...root(el).querySelectorAll<HTMLAnchorElement>('a[href^="tel:"]')];
      expect(telLinks[0]!.getAttribute('href')).to.equal('tel:12368');
      const hotline = root(el).querySelector<HTMLAnchorElement>('[part="hotline"]')!;
      expect(seen(hotline)).to.equal('诉讼服务热线 12368 查询案件、联系法官');
      const number = hotline.querySelector<HTMLElement>('.hotline-number')!;
      const office = root(el).querySelector<HTMLElement>('[part="phone"]')!;
      expect(parseFloat(getComputedStyle(number).fontSize)).to.be.greaterThan(parseFloat(getComputedStyle(office).fontSize) * 1.4);
      expect(getComputedStyle(number).fontWeight).to.equal('700');
      // The hotline is not listed a second time among the other phones.
      expect(seen(root(el).querySelector('[part="contact"]')!)).not.to.contain('12368');
    });

    it('shows no hotline box when the site has no 12368 number', async () => {
      const site = seedSite();
      site.phones = site.phones!.filter((p) => p.number !== '12368');
      const el = await footerWith(site);
      expect(root(el).querySelector('[part="hotline"]')).to.equal(null);
    });

    it('links the related sites and the report site', async () => {
      const el = await footerWith(seedSite());
      const nav = root(el).querySelector('nav[part="links"]')!;
      expect(nav.getAttribute('aria-label')).to.equal('相关链接');
      expect([...nav.querySelectorAll('a')].map((a) => [a.textContent!.trim(), a.getAttribute('href')])).to.deep.equal([
        ['最高人民法院', 'https://www.court.gov.cn/'],
        ['中国法院网', 'https://www.chinacourt.org/'],
      ]);
      const report = [...root(el).querySelectorAll('a')].find((a) => a.getAttribute('href') === 'http://jubao.court.gov.cn');
      expect(report, 'report site link').to.exist;
    });

    it('shows ICP and public security numbers only when present, linked to the filing sites', async () => {
      const without = await footerWith(seedSite());
      expect(root(without).querySelector('[part="icp"]')).to.equal(null);
      expect(root(without).querySelector('[part="public-security"]')).to.equal(null);
      expect(seen(root(without))).not.to.contain('ICP');
      expect(seen(root(without))).not.to.contain('公网安备');

      const site = { ...seedSite(), icp: '辽ICP备05012345号-1', publicSecurity: '辽公网安备 21040202000123号' };
      const el = await footerWith(site);
      const icp = root(el).querySelector<HTMLAnchorElement>('a[part="icp"]')!;
      expect(icp.getAttribute('href')).to.equal('https://beian.miit.gov.cn/');
      expect(icp.textContent!.trim()).to.equal('辽ICP备05012345号-1');
      const ps = root(el).querySelector<HTMLAnchorElement>('a[part="public-security"]')!;
      expect(ps.getAttribute('href')).to.equal('https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=21040202000123');
      expect(ps.textContent!.trim()).to.equal('辽公网安备 21040202000123号');
      expect(seen(root(el))).to.contain('ICP备案号:');
    });

    it('shows only the ICP number when the public security number is absent', async () => {
      const el = await footerWith({ ...seedSite(), icp: '辽ICP备05012345号' });
      expect(root(el).querySelector('[part="icp"]')).to.exist;
      expect(root(el).querySelector('[part="public-security"]')).to.equal(null);
    });

    it('keeps the visitor counter slot above the copyright', async () => {
      const el = await fixture<CourtFooterElement>(
        html`<court-footer .site=${seedSite()}><span slot="counter" id="c">您是第 5,464,445 位访客</span></court-footer>`,
      );
      await el.updateComplete;
      const slot = root(el).querySelector<HTMLSlotElement>('slot[name="counter"]')!;
      expect(slot.assignedElements().map((e) => e.id)).to.deep.equal(['c']);
      const copyright = root(el).querySelector('[part="copyright"]')!;
      const counter = el.querySelector('#c')!;
      expect(counter.getBoundingClientRect().bottom).to.be.at.most(copyright.getBoundingClientRect().top + 1);
    });

    it('marks the site text with its language and isolates it', async () => {
      const el = await footerWith(seedSite(), 'en');
      const name = root(el).querySelector('[part="name"] bdi')!;
      expect(name.getAttribute('lang')).to.equal('zh-CN');
      const el2 = await fixture<CourtFooterElement>(html`<court-footer content-lang="en" .site=${seedSite()}></court-footer>`);
      await el2.updateComplete;
      expect(root(el2).querySelector('[part="name"] bdi')!.getAttribute('lang')).to.equal('en');
    });

    it('is a labelled region by default and a <footer> with contentinfo', async () => {
      const el = await footerWith(seedSite());
      const base = root(el).querySelector('[part="base"]')!;
      expect(base.localName).to.equal('section');
      expect(base.getAttribute('aria-label')).to.equal('网站信息');
      const page = await fixture<CourtFooterElement>(html`<court-footer contentinfo .site=${seedSite()}></court-footer>`);
      await page.updateComplete;
      expect(root(page).querySelector('[part="base"]')!.localName).to.equal('footer');
    });

    it('has a reflected `care` property (关怀模式): darker labels, hotline and links, its own look back when off', async () => {
      const el = await footerWith(seedSite());
      const label = root(el).querySelector('dt')!;
      const hotline = root(el).querySelector<HTMLElement>('[part="hotline"]')!;
      const link = root(el).querySelector<HTMLElement>('[part="links"] a')!;
      const normal = [label, hotline, link].map((node) => getComputedStyle(node).color);
      expect(el.care).to.equal(false);
      el.care = true;
      await el.updateComplete;
      expect(el.hasAttribute('care')).to.equal(true);
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(255, 255, 255)');
      expect([label, hotline, link].map((node) => getComputedStyle(node).color)).to.deep.equal([
        'rgb(31, 31, 31)',
        'rgb(140, 10, 14)',
        'rgb(0, 50, 140)',
      ]);
      await expect(el).to.be.accessible();
      el.removeAttribute('care');
      await el.updateComplete;
      expect(el.care).to.equal(false);
      expect([label, hotline, link].map((node) => getComputedStyle(node).color)).to.deep.equal(normal);
    });

    it('passes an accessibility audit in zh-CN, with and without contentinfo', async () => {
      const el = await footerWith({ ...seedSite(), icp: '辽ICP备05012345号', publicSecurity: '辽公网安备 21040202000123号' });
      await expect(el).to.be.accessible();
      const page = await fixture<CourtFooterElement>(html`<court-footer contentinfo .site=${seedSite()}></court-footer>`);
      await page.updateComplete;
      await expect(page).to.be.accessible();
    });
  });

  describe('unsafe and odd data', () => {
    it('drops links with unsafe URLs and warns once, keeping the rest', async () => {
      const site = {
        ...seedSite(),
        links: [
          { label: '坏链接', href: 'javascript:alert(1)' },
          { label: '最高人民法院', href: 'https://www.court.gov.cn/' },
        ],
        reportSite: { label: '举报网站', href: ' JaVaScRiPt:alert(1)' },
      };
      const { result: el, warnings } = await capturingWarnings(() => footerWith(site));
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('links[0].href');
      const hrefs = [...root(el).querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
      expect(hrefs.some((h) => /javascript/i.test(h))).to.equal(false);
      expect(seen(root(el))).to.contain('最高人民法院');
      expect(seen(root(el))).to.contain('024-57719303');
    });

    it('builds tel: and filing links from numbers as written', async () => {
      expect(telHref('024-57719303')).to.equal('tel:02457719303');
      expect(telHref('+86 (24) 5771-9303 转 8001')).to.equal('tel:+862457719303');
      expect(telHref('工作日')).to.equal(undefined);
      expect(publicSecurityHref('京公网安备11010502030143号')).to.equal(
        'https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010502030143',
      );
      expect(publicSecurityHref('备案中')).to.equal('https://www.beian.gov.cn/');
    });

    it('shows markup in data as text', async () => {
      const el = await footerWith({ ...seedSite(), name: '<img src=x onerror="window.__footerXss=1">法院' });
      expect(root(el).querySelector('img')).to.equal(null);
      expect(seen(root(el))).to.contain('<img src=x onerror="window.__footerXss=1">法院');
      expect((window as unknown as Record<string, unknown>).__footerXss).to.equal(undefined);
    });
  });

  describe('data sources and errors', () => {
    it('reads an inline JSON child without a request', async () => {
      const el = await fixture<CourtFooterElement>(html`<court-footer>
        <script type="application/json">${JSON.stringify(seedSite())}</script>
      </court-footer>`);
      await waitUntil(() => root(el).querySelector('[part="name"]'), 'rendered from inline JSON');
      expect(seen(root(el))).to.contain('辽宁省抚顺市中级人民法院');
    });

    it('fetches src, showing a loading state first', async () => {
      const url = jsonUrl(seedSite());
      const el = await fixture<CourtFooterElement>(html`<court-footer src=${url}></court-footer>`);
      await waitUntil(() => root(el).querySelector('[part="name"]'), 'rendered from src');
      expect(seen(root(el))).to.contain('12368');
      URL.revokeObjectURL(url);
    });

    it('shows the loading message while the request is under way', async () => {
      const el = await fixture<CourtFooterElement>(html`<court-footer></court-footer>`);
      // A request that never answers: a same-origin URL held open would need a server, so the
      // loading state is read right after src is set, before any answer can arrive.
      el.src = jsonUrl(seedSite());
      await el.updateComplete;
      const status = root(el).querySelector('[part="status"]');
      expect(status?.getAttribute('role')).to.equal('status');
      expect(status?.textContent).to.contain('正在加载网站信息');
      await expect(el).to.be.accessible();
      await waitUntil(() => root(el).querySelector('[part="name"]'));
    });

    it('names the field at fault in invalid data, warns once, and keeps fallback content', async () => {
      const { result: el, warnings } = await capturingWarnings(async () => {
        const footer = await fixture<CourtFooterElement>(html`<court-footer .site=${{ version: 1 }}><p id="old">旧页脚</p></court-footer>`);
        await footer.updateComplete;
        return footer;
      });
      const error = root(el).querySelector('[part="error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(seen(error)).to.equal('网站数据有误:缺少 name');
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('name');
      const slot = root(el).querySelector<HTMLSlotElement>('slot:not([name])')!;
      expect(slot.assignedElements().map((e) => e.id)).to.deep.equal(['old']);
      await expect(el).to.be.accessible();
    });

    it('reports a wrong version and bad JSON text', async () => {
      const { result: el } = await capturingWarnings(() => footerWith({ ...seedSite(), version: 2 }));
      expect(seen(root(el).querySelector('[part="error"]')!)).to.contain('version');
      const { result: bad } = await capturingWarnings(() => footerWith('{"version": 1,'));
      expect(seen(root(bad).querySelector('[part="error"]')!)).to.equal('网站数据有误:不是有效的 JSON');
    });

    it('names the URL and status of a failed request and retries', async () => {
      const url = `/no-such-site-${Math.random().toString(36).slice(2)}.json`;
      const { result: el, warnings } = await capturingWarnings(async () => {
        const footer = await fixture<CourtFooterElement>(html`<court-footer src=${url}></court-footer>`);
        await waitUntil(() => root(footer).querySelector('[part="error"]'), 'error shown');
        return footer;
      });
      expect(seen(root(el).querySelector('[part="error"] p')!)).to.equal(`无法加载网站数据:${url}(HTTP 404)`);
      expect(warnings).to.have.length(1);
      await expect(el).to.be.accessible();
      const good = jsonUrl(seedSite());
      el.src = good;
      await waitUntil(() => root(el).querySelector('[part="name"]'), 'loaded after a new src');
      URL.revokeObjectURL(good);
    });

    it('retry button loads again', async () => {
      const url = `/missing-${Math.random().toString(36).slice(2)}.json`;
      const { result: el } = await capturingWarnings(async () => {
        const footer = await fixture<CourtFooterElement>(html`<court-footer src=${url}></court-footer>`);
        await waitUntil(() => root(footer).querySelector('[part="retry"]'));
        return footer;
      });
      const { warnings } = await capturingWarnings(async () => {
        root(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
        await waitUntil(() => root(el).querySelector('[part="status"]') || root(el).querySelector('[part="retry"]'));
        await waitUntil(() => root(el).querySelector('[part="retry"]'), 'failed again');
      });
      expect(warnings).to.have.length(1);
    });

    it('lets the property win over src', async () => {
      const url = jsonUrl({ ...seedSite(), name: '来自网址的法院' });
      const el = await fixture<CourtFooterElement>(html`<court-footer src=${url} .site=${seedSite()}></court-footer>`);
      await el.updateComplete;
      expect(seen(root(el).querySelector('[part="name"]')!)).to.equal('辽宁省抚顺市中级人民法院');
      URL.revokeObjectURL(url);
    });
  });

  describe('layout', () => {
    it('is one column at 360 px', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width:360px"><court-footer .site=${seedSite()}></court-footer></div>`);
      const el = wrapper.querySelector('court-footer')!;
      await el.updateComplete;
      const contact = root(el).querySelector('[part="contact"]')!.getBoundingClientRect();
      const legal = root(el).querySelector('[part="legal"]')!.getBoundingClientRect();
      expect(legal.top).to.be.at.least(contact.bottom - 1);
      expect(Math.abs(legal.left - contact.left)).to.be.below(1);
      expect(el.scrollWidth).to.be.at.most(360);
    });

    it('puts the columns side by side when wide, mirrored in Uyghur', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width:1000px">
        <court-footer lang="zh-CN" .site=${seedSite()}></court-footer>
        <court-footer lang="ug" .site=${seedSite()}></court-footer>
      </div>`);
      const [zh, ug] = [...wrapper.querySelectorAll('court-footer')];
      await zh!.updateComplete;
      await ug!.updateComplete;
      const zhContact = root(zh!).querySelector('[part="contact"]')!.getBoundingClientRect();
      const zhLegal = root(zh!).querySelector('[part="legal"]')!.getBoundingClientRect();
      expect(Math.abs(zhContact.top - zhLegal.top)).to.be.below(1);
      expect(zhContact.left).to.be.below(zhLegal.left);
      const ugContact = root(ug!).querySelector('[part="contact"]')!.getBoundingClientRect();
      const ugLegal = root(ug!).querySelector('[part="legal"]')!.getBoundingClientRect();
      expect(ugContact.left).to.be.above(ugLegal.left);
      expect(getComputedStyle(root(ug!).querySelector('[part="base"]')!).direction).to.equal('rtl');
    });
  });
});
