/**
 * The court news data layer: contract types, parsing with problems and warnings, size limits
 * and date helpers. Pure code without DOM or Lit, usable in browsers and in Node.
 */
export type * from './types.js';
export { parseArticle, parseSite, formatProblems, BCP47, DEFAULT_LANG } from './parse.js';
export { LIMITS } from './limits.js';
export type { Limits } from './limits.js';
export {
  parseOffsetDateTime,
  formatLocalDateTime,
  formatLocalDate,
  formatOffset,
  daysInMonth,
} from './date.js';
export type { OffsetDateTime, LocalDateTime } from './date.js';
