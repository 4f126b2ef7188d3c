/**
 * Local calendar days for analytics. A community reports in one IANA time zone (default UTC); a day is the
 * local date an event's timestamp falls on, numbered as days since 1970-01-01 in that zone. Offsets come from
 * Intl (no IO) and are cached per UTC hour, since every zone's offset changes only on hour boundaries in practice
 * (the half-hour zones change on the hour too).
 */
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export class DayCalendar {
  readonly timeZone: string;
  private readonly offsets = new Map<number, number>();
  private readonly fmt: Intl.DateTimeFormat | null;

  constructor(timeZone = 'UTC') {
    if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
    this.timeZone = timeZone;
    this.fmt = timeZone === 'UTC' ? null : new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
  }

  /** Local day number of a timestamp (ms since epoch). */
  dayOf(ts: number): number {
    return Math.floor((ts + this.offsetAt(ts)) / DAY_MS);
  }

  /** `YYYY-MM-DD` of a day number. */
  label(day: number): string {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  /** Day number of a `YYYY-MM-DD` label; throws RangeError on anything else. */
  parse(label: string): number {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
    if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${label}`);
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (new Date(t).toISOString().slice(0, 10) !== label) throw new RangeError(`not a calendar date: ${label}`);
    return t / DAY_MS;
  }

  /** Monday-based week number of a day (day 0, 1970-01-01, was a Thursday). */
  weekOf(day: number): number {
    return Math.floor((day + 3) / 7);
  }

  /** First day (Monday) of a week number. */
  weekStart(week: number): number {
    return week * 7 - 3;
  }

  private offsetAt(ts: number): number {
    if (this.fmt === null) return 0;
    const hour = Math.floor(ts / HOUR_MS);
    let off = this.offsets.get(hour);
    if (off === undefined) {
      const p: Record<string, number> = {};
      for (const part of this.fmt.formatToParts(new Date(hour * HOUR_MS))) {
        if (part.type !== 'literal') p[part.type] = Number(part.value);
      }
      const asUtc = Date.UTC(p.year as number, (p.month as number) - 1, p.day as number, p.hour as number, p.minute as number);
      off = asUtc - hour * HOUR_MS;
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(hour, off);
    }
    return off;
  }
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
