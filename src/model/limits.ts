/**
 * Size limits that keep a hostile or broken file from freezing the page.
 *
 * `parseArticle` and `parseSite` enforce every one of them and answer with a fatal problem
 * of code `limit` (its `limit` field gives the number) instead of doing unbounded work.
 * The numbers are far above what a real court article needs: the seed article has
 * 29 blocks and its longest paragraph is under 300 characters.
 *
 * Lengths are counted in UTF-16 code units (JavaScript `string.length`). The JSON Schemas
 * carry the same numbers as `maxLength` / `maxItems`; the nesting depth and the total number
 * of values cannot be expressed in a schema and are enforced by the parser only.
 */
export const LIMITS = Object.freeze({
  /**
   * Longest JSON text accepted by the parse functions when they are given a string:
   * 5,000,000 characters (about 5 MB of ASCII, up to 15 MB of UTF-8 Chinese).
   * Checked before `JSON.parse` runs.
   */
  maxJsonLength: 5_000_000,

  /**
   * Deepest nesting of arrays and objects in the input, the document itself being level 1.
   * The contract needs 3 (document → body → block); 32 leaves room for extension fields.
   * JSON text is scanned, and object input walked, iteratively: deep nesting cannot overflow
   * the stack, and cyclic object graphs stop here.
   */
  maxDepth: 32,

  /**
   * Most values (objects, arrays, strings, numbers, booleans, nulls, counting every array
   * element and property value) in one input: 200,000. Bounds the work on huge arrays and on
   * object graphs that share sub-objects many times over.
   */
  maxValues: 200_000,

  /**
   * Most characters in all strings of one input together, property names included:
   * 5,000,000. Holds an object given directly (not as JSON text) to the same total size as
   * the longest JSON text, so that many fields each under their own limit cannot add up to
   * hundreds of megabytes for the sanitizer.
   */
  maxTotalStringLength: 5_000_000,

  /** Most blocks in an article's `body`: 2,000. */
  maxBlocks: 2_000,

  /**
   * Longest `html` field (paragraph or html block), measured before sanitizing:
   * 200,000 characters. Sanitizing is the costly step this protects.
   */
  maxHtmlLength: 200_000,

  /**
   * Longest plain-text field (title, subtitle, paragraph `text`, caption, alt, author…):
   * 50,000 characters.
   */
  maxTextLength: 50_000,

  /** Longest URL-like field (`href`, `src`, `url`, `srcset`): 8,192 characters. */
  maxUrlLength: 8_192,

  /** Most breadcrumb items: 20. */
  maxBreadcrumb: 20,

  /** Most attachments of an article: 200. */
  maxAttachments: 200,

  /** Most entries in a site's `links` and, separately, in its `phones`: 200. */
  maxLinks: 200,
});

export type Limits = typeof LIMITS;
