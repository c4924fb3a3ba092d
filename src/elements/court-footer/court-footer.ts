/**
 * The footer of a court website from the site data of the contract: the court's name, the
 * 12368 litigation hotline (first and large), related links, address, postcode, phone numbers
 * as `tel:` links, the report site, directions, copyright, credits, and the ICP and public
 * security filing numbers when present. `<visitor-counter>` goes in the `counter` slot.
 *
 * Data comes from, first one present wins: the `site` property; an inline
 * `<script type="application/json">` child (CMS templates, no extra request); the JSON at
 * `src`. Invalid data shows a short localized error naming the field
 * (`网站数据有误:缺少 name`) and warns once in the console; a failed request names the URL
 * and status and offers a retry button. Until the data is there, and whenever JavaScript is
 * off, the element's own light-DOM content (e.g. the site's old footer HTML) shows.
 *
 * By default the footer is a `region` landmark labelled 网站信息, so it can sit inside a page
 * that has its own `<footer>`. Set `contentinfo` when the element is the page footer: it
 * then renders a `<footer>` (the `contentinfo` landmark). The page should have only one.
 *
 * Labels follow the element's locale (its `lang`, an ancestor's, or `<html lang>`); the site
 * data is shown as written and marked with `content-lang`. In Uyghur the layout is right to
 * left, and Chinese names and Latin addresses inside it are isolated runs.
 *
 * ```html
 * <court-footer src="/data/site.json">
 *   <visitor-counter slot="counter" endpoint="/counter" site="fs"></visitor-counter>
 * </court-footer>
 * ```
 *
 * @summary A court website footer: hotline, links, contacts, copyright and filing numbers.
 *
 * @slot - Fallback content, shown until the data has loaded, when it fails, and without JavaScript.
 * @slot counter - Where `<visitor-counter>` sits, above the copyright.
 *
 * @csspart base - The root container (`<section>`, or `<footer>` with `contentinfo`).
 * @csspart name - The court's name.
 * @csspart hotline - The 12368 litigation-service hotline link.
 * @csspart links - The navigation list of related links.
 * @csspart contact - The list of address, postcode, phones, report site and directions.
 * @csspart phone - Each phone number link other than the hotline.
 * @csspart legal - The block with the counter, copyright, credits and filing numbers.
 * @csspart copyright - The copyright line.
 * @csspart credits - The credits line.
 * @csspart icp - The ICP filing number link (ICP备案号).
 * @csspart public-security - The public security filing number link (公网安备).
 * @csspart status - The loading message.
 * @csspart error - The error message box.
 * @csspart retry - The retry button after a failed request.
 *
 * @cssproperty --court-footer-text - Text colour. Default `var(--court-text, #1f1f1f)`.
 * @cssproperty --court-footer-muted - Colour of labels and hints. Default `var(--court-muted, #595959)`.
 * @cssproperty --court-footer-link - Link colour. Default `var(--court-link, #0b4f9c)`.
 * @cssproperty --court-footer-background - Background. Default `#f5f3f0`.
 * @cssproperty --court-footer-accent - Colour of the top rule. Default `var(--court-accent, #b0191e)`.
 * @cssproperty --court-footer-border-width - Width of the top rule. Default `3px`.
 * @cssproperty --court-footer-rule - Colour of the rule between the head and the columns. Default `var(--court-border, #d9d9d9)`.
 * @cssproperty --court-footer-hotline-color - Text and border colour of the hotline. Default `var(--court-accent, #b0191e)`.
 * @cssproperty --court-footer-hotline-background - Background of the hotline. Default `var(--court-surface, #ffffff)`.
 * @cssproperty --court-footer-hotline-size - Font size of the hotline number. Default `1.75em`.
 * @cssproperty --court-footer-font-size - Base font size. Default `max(1rem, 16px)`.
 * @cssproperty --court-footer-line-height - Line height. Default `1.7`.
 * @cssproperty --court-footer-max-width - Maximum width of the content. Default `72em`.
 * @cssproperty --court-footer-error - Accent of the error box. Default `#b3261e`.
 * @cssproperty --court-footer-error-background - Background of the error box. Default `#fdecea`.
 * @cssproperty --court-footer-error-text - Text colour of the error box. Default `#5f1411`.
 */
import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { msg } from '@lit/localize';
import { parseSite, formatProblems } from '../../model/parse.js';
import type { Phone, Site } from '../../model/types.js';
import { JsonSource } from '../../internal/json-source.js';
import type { JsonSourceFailure } from '../../internal/json-source.js';
import { loadFailureText, moreProblemsText, problemText } from '../../internal/problem-text.js';
import { currentDir, currentLocale, localized } from '../../internal/localize.js';
import { safeUrl } from '../../internal/url.js';
import { focusRing, tokens } from '../../internal/theme.js';
import { courtFooterStyles } from './court-footer.styles.js';

/** The nationwide litigation-service hotline of the people's courts. */
export const HOTLINE = '12368';

/** Where ICP filing numbers are looked up (MIIT). */
export const ICP_URL = 'https://beian.miit.gov.cn/';

/** Where public security filing numbers are looked up (MPS). */
export const PUBLIC_SECURITY_URL = 'https://www.beian.gov.cn/portal/registerSystemInfo';

/**
 * The `tel:` URL of a phone number as written on court sites (`024-57719303`,
 * `(024) 5771 9303`, `+86 24 5771 9303`, `12368`), or `undefined` when it holds no digit.
 * Text after the number (`转 8001`, `(工作日)`) is not dialled.
 */
export function telHref(number: string): string | undefined {
  const lead = /^[\s\d+()\-–.\u00a0]+/.exec(number.trim())?.[0] ?? '';
  const digits = lead.replace(/[^\d+]/g, '');
  const plus = digits.startsWith('+') ? '+' : '';
  const bare = digits.replace(/\+/g, '');
  if (!/\d/.test(bare)) return undefined;
  return safeUrl(`tel:${plus}${bare}`);
}

/** Whether a phone entry is the 12368 hotline. */
export function isHotline(phone: Phone): boolean {
  return phone.number.replace(/\D/g, '') === HOTLINE;
}

/** The public security filing site's page for a number (`辽公网安备 21040002000123号`). */
export function publicSecurityHref(value: string): string {
  const code = /\d{6,}/.exec(value)?.[0];
  return code ? `${PUBLIC_SECURITY_URL}?recordcode=${code}` : 'https://www.beian.gov.cn/';
}

@localized()
export class CourtFooterElement extends LitElement {
  static override styles = [tokens, focusRing, courtFooterStyles];

  /** Address of the site JSON to fetch when neither `site` nor an inline JSON child is given. */
  @property({ attribute: 'src' }) src = '';

  /** Site data set by code (an object of the contract, or JSON text); it takes precedence. */
  @property({ attribute: false }) site: Site | string | undefined = undefined;

  /** Language of the site data (BCP 47): names, addresses and labels are shown as written and marked with it. */
  @property({ attribute: 'content-lang' }) contentLang = 'zh-CN';

  /** Render a `<footer>` (the page's `contentinfo` landmark) instead of a labelled region. */
  @property({ type: Boolean, attribute: 'contentinfo' }) contentinfo = false;

  /**
   * 关怀模式 (care mode): black text on white, every text at a contrast of 7:1 or more, a
   * black focus ring; the colour custom properties are set aside meanwhile. `<print-controls>`
   * sets and removes it with its own 关怀模式; it can be set by hand too.
   */
  @property({ type: Boolean, attribute: 'care', reflect: true }) care = false;

  private readonly source = new JsonSource<Site>(this, parseSite, {
    onLoaded: (_site, warnings) => {
      if (warnings.length > 0) console.warn(`court-footer: site data repaired: ${formatProblems(warnings)}`);
    },
    onFailed: (failure) => this.warn(failure),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src')) this.source.setSrc(this.src);
    if (changed.has('site')) this.source.setValue(this.site);
  }

  private warn(failure: JsonSourceFailure): void {
    if (failure.kind === 'invalid') {
      console.warn(`court-footer: invalid site data: ${formatProblems(failure.problems)}`);
    } else {
      const why = failure.reason === 'http' ? `HTTP ${failure.status ?? ''}`.trim() : failure.reason;
      console.warn(`court-footer: could not load site data from ${failure.url} (${why})`);
    }
  }

  private handleRetry(): void {
    this.source.retry();
  }

  override render(): TemplateResult {
    const locale = currentLocale();
    const dir = currentDir();
    const { status } = this.source;
    if (status === 'loaded' && this.source.value) return this.renderSite(this.source.value, locale, dir);
    return html`<div class="footer" lang=${locale} dir=${dir}>
      ${status === 'loading'
        ? html`<p class="status" part="status" role="status">${msg('正在加载网站信息…', { id: 'court-footer.loading', desc: 'Shown while the footer (site) data is loading' })}</p>`
        : nothing}
      ${status === 'error' ? this.renderError() : nothing}
      <slot></slot>
    </div>`;
  }

  private renderError(): TemplateResult | typeof nothing {
    const failure = this.source.failure;
    if (!failure) return nothing;
    if (failure.kind === 'load') {
      return html`<div class="error" part="error" role="alert">
        <p>${loadFailureText(failure, 'site')}</p>
        <button type="button" part="retry" @click=${this.handleRetry}>
          ${msg('重试', { id: 'court-footer.retry', desc: 'Button that loads the footer data again after a failure' })}
        </button>
      </div>`;
    }
    const [first] = failure.problems;
    return html`<div class="error" part="error" role="alert">
      <p>${first ? problemText(first, 'site') : nothing}</p>
      ${failure.problems.length > 1 ? html`<p>${moreProblemsText(failure.problems.length - 1)}</p>` : nothing}
    </div>`;
  }

  /** A run of the site's own text: marked with its language and isolated from the UI's direction. */
  private text(value: string): TemplateResult {
    return html`<bdi lang=${this.contentLang}>${value}</bdi>`;
  }

  private renderSite(site: Site, locale: string, dir: string): TemplateResult {
    const label = msg('网站信息', { id: 'court-footer.label', desc: 'Accessible name of the footer region (site information)' });
    const body = html`${this.renderHead(site)}${this.renderLinks(site)}
      <div class="columns">${this.renderContact(site)}${this.renderLegal(site)}</div>`;
    return this.contentinfo
      ? html`<footer class="footer" part="base" lang=${locale} dir=${dir}>${body}</footer>`
      : html`<section class="footer" part="base" lang=${locale} dir=${dir} aria-label=${label}>${body}</section>`;
  }

  private renderHead(site: Site): TemplateResult {
    const hotline = (site.phones ?? []).find(isHotline);
    const href = hotline ? telHref(hotline.number) : undefined;
    return html`<div class="head">
      <p class="name" part="name">${this.text(site.name)}</p>
      ${hotline && href
        ? html`<a class="hotline" part="hotline" href=${href}>
            <span class="hotline-label">${msg('诉讼服务热线', { id: 'court-footer.hotline', desc: 'Label of 12368, the nationwide litigation-service hotline of the people\u2019s courts' })}</span>
            <span class="hotline-number" dir="ltr">${HOTLINE}</span>
            <span class="hotline-hint">${msg('查询案件、联系法官', { id: 'court-footer.hotline-hint', desc: 'What the 12368 hotline is for: asking about a case, reaching the judge' })}</span>
          </a>`
        : nothing}
    </div>`;
  }

  private renderLinks(site: Site): TemplateResult | typeof nothing {
    const links = (site.links ?? []).flatMap((link) => {
      const href = safeUrl(link.href);
      return href ? [{ label: link.label, href }] : [];
    });
    if (links.length === 0) return nothing;
    return html`<nav class="links" part="links" aria-label=${msg('相关链接', { id: 'court-footer.links', desc: 'Accessible name of the list of related websites in the footer' })}>
      <ul>
        ${links.map((link) => html`<li><a href=${link.href}>${this.text(link.label)}</a></li>`)}
      </ul>
    </nav>`;
  }

  private row(label: TemplateResult | string, value: TemplateResult, cls = ''): TemplateResult {
    return html`<div class="row ${cls}"><dt>${label}</dt><dd>${value}</dd></div>`;
  }

  private renderContact(site: Site): TemplateResult | typeof nothing {
    const rows: TemplateResult[] = [];
    if (site.address) {
      rows.push(this.row(msg('地址:', { id: 'court-footer.address', desc: 'Label before the court\u2019s postal address' }), this.text(site.address)));
    }
    if (site.postcode) {
      rows.push(this.row(msg('邮编:', { id: 'court-footer.postcode', desc: 'Label before the postal code' }), html`<span dir="ltr">${site.postcode}</span>`));
    }
    for (const phone of site.phones ?? []) {
      if (isHotline(phone)) continue;
      const href = telHref(phone.number);
      const number = html`<span dir="ltr">${phone.number}</span>`;
      rows.push(
        this.row(
          html`${this.text(phone.label)}:`,
          href ? html`<a part="phone" href=${href}>${number}</a>` : number,
          'phone',
        ),
      );
    }
    const report = site.reportSite ? safeUrl(site.reportSite.href) : undefined;
    if (site.reportSite && report) {
      rows.push(this.row(html`${this.text(site.reportSite.label)}:`, html`<a href=${report} dir="ltr">${report}</a>`));
    }
    if (site.transport) {
      rows.push(this.row(msg('交通:', { id: 'court-footer.transport', desc: 'Label before directions by public transport' }), this.text(site.transport)));
    }
    if (rows.length === 0) return nothing;
    return html`<dl class="contact" part="contact">${rows}</dl>`;
  }

  private renderLegal(site: Site): TemplateResult {
    return html`<div class="legal" part="legal">
      <slot name="counter"></slot>
      ${site.copyright ? html`<p part="copyright">${this.text(site.copyright)}</p>` : nothing}
      ${site.credits ? html`<p part="credits">${this.text(site.credits)}</p>` : nothing}
      ${site.icp || site.publicSecurity
        ? html`<p class="filing">
            ${site.icp
              ? html`<span>${msg('ICP备案号:', { id: 'court-footer.icp', desc: 'Label before the website\u2019s ICP filing number (ICP备案号, issued by MIIT)' })}
                  <a part="icp" href=${ICP_URL}>${this.text(site.icp)}</a></span>`
              : nothing}
            ${site.publicSecurity
              ? html`<span>${msg('公网安备:', { id: 'court-footer.public-security', desc: 'Label before the public security (police) filing number of the website (公网安备)' })}
                  <a part="public-security" href=${publicSecurityHref(site.publicSecurity)}>${this.text(site.publicSecurity)}</a></span>`
              : nothing}
          </p>`
        : nothing}
    </div>`;
  }
}
