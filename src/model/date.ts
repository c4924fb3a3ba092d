/**
 * Date-time helpers for `publishedAt`: ISO 8601 with a mandatory UTC offset.
 * Pure code; no time-zone database and no dependence on the machine's time zone.
 */

/** Wall-clock fields of a date-time in its own offset. */
export interface LocalDateTime {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
  /** 0–23. */
  hour: number;
  /** 0–59. */
  minute: number;
  /** 0–59 (0 when the input has no seconds). */
  second: number;
}

/** A validated ISO 8601 date-time with offset. */
export interface OffsetDateTime {
  /** Milliseconds since 1970-01-01T00:00:00Z (fractions of a second kept to the millisecond). */
  epochMs: number;
  /** Offset from UTC in minutes: `+08:00` is 480, `Z` is 0, `-05:30` is -330. */
  offsetMinutes: number;
  /** The wall-clock fields as written, i.e. in the given offset (not the machine's zone). */
  local: LocalDateTime;
}

/**
 * The accepted form: `YYYY-MM-DDThh:mm[:ss[.fraction]]` followed by `Z` or `±hh:mm`.
 * Upper-case `T` and `Z` only; a space instead of `T`, a missing offset, a `±hhmm` offset
 * or week/ordinal dates are rejected.
 */
const ISO_OFFSET_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses an ISO 8601 date-time that carries an offset (`2024-02-28T20:54:53+08:00`,
 * `2024-02-28T12:54:53Z`, `2024-02-28T20:54+08:00`, `2024-02-28T20:54:53.250+08:00`).
 *
 * Returns `undefined` for anything else: no offset, impossible dates (`2024-02-30`,
 * `2023-02-29`), hour 24, minute or second 60, offsets beyond ±23:59, other separators.
 * `-00:00` is accepted and read as UTC. The wall-clock fields are those written in the input.
 */
export function parseOffsetDateTime(iso: string): OffsetDateTime | undefined {
  if (typeof iso !== 'string' || iso.length > 40) return undefined;
  const m = ISO_OFFSET_DATE_TIME.exec(iso);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millisecond = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;

  let offsetMinutes = 0;
  const zone = m[8]!;
  if (zone !== 'Z') {
    const offHours = Number(zone.slice(1, 3));
    const offMinutes = Number(zone.slice(4, 6));
    if (offHours > 23 || offMinutes > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (offHours * 60 + offMinutes);
    if (Object.is(offsetMinutes, -0)) offsetMinutes = 0;
  }

  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const utc = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millisecond));
  utc.setUTCFullYear(year);
  const epochMs = utc.getTime() - offsetMinutes * 60_000;
  return { epochMs, offsetMinutes, local: { year, month, day, hour, minute, second } };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * `2024-02-28 20:54:53`: the wall-clock time in the date-time's own offset, as Chinese court
 * sites print it. Independent of the machine's time zone.
 */
export function formatLocalDateTime(value: OffsetDateTime): string {
  const { year, month, day, hour, minute, second } = value.local;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** `2024-02-28`: the calendar date in the date-time's own offset. */
export function formatLocalDate(value: OffsetDateTime): string {
  const { year, month, day } = value.local;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The offset as `+08:00`, `-05:30` or `Z`. */
export function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
