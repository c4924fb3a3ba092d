/**
 * Reads the article's language and direction: the declared lang, Traditional or Simplified
 * script from the letters, and right-to-left text.
 */
import { textDirection } from '../internal/direction.js';
import { scriptCounts } from '../internal/traditional.js';
import { type Element, type Node, attr, isElement, textContent } from './dom.js';
import { type Ctx, issue } from './context.js';

/** Whether the body runs right to left: the nearest `dir` around it, else the page's `lang`. */
export function runsRightToLeft(container: Element, lang: string): boolean {
  for (let node: Node | null = container; node && isElement(node); node = node.parentNode as Node | null) {
    const dir = attr(node, 'dir')?.trim().toLowerCase();
    if (dir === 'rtl' || dir === 'ltr') return dir === 'rtl';
  }
  return textDirection(lang) === 'rtl';
}

/**
 * The article's language: the page's `lang`, unless it names Chinese (or nothing) while the
 * body is written in Arabic script. Courts in Xinjiang publish in Uyghur from templates that
 * keep `lang="zh-CN"`; read as Chinese, the article would run left to right. Reported.
 */
export function articleLang(ctx: Ctx, declared: string | undefined, container: Element | undefined): string {
  const lang = normalizeLang(declared);
  if (!container || !/^zh(?:-|$)/i.test(lang)) return lang;
  const letters = textContent(container).match(/\p{L}/gu) ?? [];
  const arabic = letters.filter((ch) => /\p{Script=Arabic}/u.test(ch)).length;
  if (letters.length < 20 || arabic * 2 <= letters.length) return traditionalLang(ctx, declared, lang, letters);
  issue(ctx, {
    code: 'lang-inferred',
    severity: 'info',
    path: 'lang',
    message: `lang: the page ${declared?.trim() ? `says "${declared.trim()}"` : 'names no language'} but its text is in Arabic script (${Math.round((arabic / letters.length) * 100)}% of the letters): read as Uyghur (ug), right to left; change "lang" in the JSON if it is another language`,
  });
  return 'ug';
}

/**
 * `zh-Hant` for a body in Traditional characters under no `lang`, `zh`, `zh-CN` or `zh-Hans`
 * (Hong Kong and Macao pages without one, zh-Hant templates of mainland courts that keep
 * `zh-CN`): read as zh-CN, the article would get Simplified labels and a Mandarin voice for
 * Simplified text. Reported; otherwise `lang` as it is.
 */
function traditionalLang(ctx: Ctx, declared: string | undefined, lang: string, letters: string[]): string {
  if (!/^zh(?:-CN|-Hans(?:-CN)?)?$/.test(lang)) return lang;
  const { traditional, simplified } = scriptCounts(letters.join(''));
  if (traditional < 10 || traditional < simplified * 4) return lang;
  issue(ctx, {
    code: 'lang-inferred',
    severity: 'info',
    path: 'lang',
    message: `lang: the page ${declared?.trim() ? `says "${declared.trim()}"` : 'names no language'} but its text is in Traditional characters (${traditional} characters written only so, ${simplified} only in Simplified): read as zh-Hant; change "lang" in the JSON if that is wrong`,
  });
  return 'zh-Hant';
}

function normalizeLang(raw: string | undefined): string {
  const value = (raw ?? '').trim();
  if (!value) return 'zh-CN';
  const [lang, ...rest] = value.split(/[-_]/);
  return [lang!.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p.length === 4 ? p[0]!.toUpperCase() + p.slice(1).toLowerCase() : p))].join('-');
}
