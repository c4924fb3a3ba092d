/**
 * Types of the court news JSON contract, version 1.
 *
 * `court-article.schema.json` and `court-site.schema.json` beside this file are the
 * machine-readable form of the same contract; tests check the two agree.
 */

/** A labelled link, as in a breadcrumb or the footer's link list. */
export interface Link {
  label: string;
  href: string;
}

/**
 * One step of the 当前位置 trail. `href` is optional: the last item (the current section)
 * often has none, and an unsafe `href` is dropped while the label stays.
 */
export interface BreadcrumbItem {
  label: string;
  href?: string;
}

/** 上一篇 / 下一篇. */
export interface ArticleRef {
  title: string;
  href: string;
}

/** 附件. */
export interface Attachment {
  title: string;
  href: string;
  /** Size in bytes, shown in human units. */
  bytes?: number;
}

/**
 * A paragraph: `text` is plain text; `html` is inline markup (a, strong, b, em, i, u, br, span,
 * sub, sup). The input needs one of the two; a parsed paragraph has exactly one (`html` wins).
 */
export interface ParagraphBlock {
  type: 'paragraph';
  text?: string;
  html?: string;
  /**
   * A line set apart from the running text, as court pages print it (an optional field this
   * package adds to the contract): `end` for a 落款, the court's name and the date closing a
   * notice; `center` for a centred line. Absent for ordinary paragraphs (`start` in the input
   * means the same and is not kept).
   */
  align?: 'center' | 'end';
}

/** A section heading inside the article. */
export interface HeadingBlock {
  type: 'heading';
  text: string;
  /** 2 to 4; 2 when absent. Always present on a parsed block. */
  level?: 2 | 3 | 4;
}

/** A photo, rendered as a `<photo-caption>`. */
export interface ImageBlock {
  type: 'image';
  src: string;
  alt?: string;
  caption?: string;
  width?: number;
  height?: number;
  srcset?: string;
  /** Optional extension: the `sizes` attribute passed with `srcset`. */
  sizes?: string;
}

/**
 * A video file the court hosts itself (an optional block type this package adds to the
 * contract), rendered as a `<video>` with controls that loads nothing before the reader
 * presses play, and a link to the file.
 */
export interface VideoBlock {
  type: 'video';
  /** The video file (MP4, WebM), http, https or relative. */
  src: string;
  /** A still shown before playing, and on paper. */
  poster?: string;
  /** Plain text under the video, after ▲, as under photos. */
  caption?: string;
  /** The video's size in pixels: reserves its box before it loads. */
  width?: number;
  height?: number;
}

/** A CMS fragment: lists, tables, links and images; sanitized. */
export interface HtmlBlock {
  type: 'html';
  html: string;
}

export type Block = ParagraphBlock | HeadingBlock | ImageBlock | VideoBlock | HtmlBlock;
export type BlockType = Block['type'];

/** A court news article. */
export interface Article {
  version: 1;
  title: string;
  /** ISO 8601 with an offset, e.g. `2024-02-28T20:54:53+08:00`. */
  publishedAt: string;
  body: Block[];
  id?: string;
  /** BCP 47; `zh-CN` when absent. Always present on a parsed article. */
  lang?: string;
  /** Canonical address of the article. */
  url?: string;
  breadcrumb?: BreadcrumbItem[];
  kicker?: string;
  subtitle?: string;
  author?: string;
  source?: string;
  editor?: string;
  attachments?: Attachment[];
  prev?: ArticleRef;
  next?: ArticleRef;
}

/** A labelled phone number; rendered as a `tel:` link. */
export interface Phone {
  label: string;
  number: string;
}

/** Site (footer) data. */
export interface Site {
  version: 1;
  name: string;
  links?: Link[];
  address?: string;
  postcode?: string;
  phones?: Phone[];
  reportSite?: Link;
  transport?: string;
  copyright?: string;
  credits?: string;
  /** ICP备案号; rendered only when present. */
  icp?: string;
  /** 公网安备号; rendered only when present. */
  publicSecurity?: string;
}

/**
 * What is wrong with an input, machine-readable so that elements can show it in the
 * reader's language. `message` is an English sentence for logs and the CLI.
 */
export type ProblemCode =
  /** Not valid JSON text. */
  | 'json'
  /** A required field is absent. */
  | 'missing'
  /** A field has the wrong JSON type (`expected` names the right one). */
  | 'type'
  /** `version` is not 1. */
  | 'version'
  /** A URL whose scheme is not http, https, mailto, tel or relative. */
  | 'url'
  /** `publishedAt` is not ISO 8601 with an offset. */
  | 'date'
  /** A value outside its allowed set or range (heading level, negative bytes). */
  | 'value'
  /** A documented size limit was exceeded (`limit` gives it). */
  | 'limit'
  /** A block type this version does not know: skipped. */
  | 'unknown-block';

export interface Problem {
  /** JSON path of the field at fault, e.g. `body[3].src`; `` for the whole document. */
  path: string;
  code: ProblemCode;
  /** English description for logs and the command line. */
  message: string;
  /** For `type`: the expected JSON type. */
  expected?: string;
  /** For `limit`: the limit that was exceeded. */
  limit?: number;
  /** For `json`: 0-based character offset in the JSON text, when the parser reports one. */
  position?: number;
}

export type ParseResult<T> =
  | { ok: true; value: T; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };
