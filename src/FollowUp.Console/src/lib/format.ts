// Times in the browser's own time zone, in words a person reads at a glance.

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
// A report's day is a date as the host counts it ("2026-11-24"), not a moment: shown as it is, in no time zone.
const dateOnly = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

// A moment as .NET writes one into a ledger entry's words: "due 2026-11-23T09:00:00.0000000+00:00".
const writtenMoment = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** The text with each moment written in it shown as {@link formatTime} shows one, in the browser's time zone. */
export function formatMomentsIn(text: string): string {
  return text.replace(writtenMoment, (moment) => formatTime(moment));
}

export function formatDay(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

// How far the host's clock is ahead of this browser's, learnt at sign-in: "2 hours ago" is by the host's clock, which
// wrote the times, not by a browser's that may be off (or a demo's, which runs fast).
let hostOffset = 0;

export function setHostNow(iso: string, at = Date.now()): void {
  const host = new Date(iso).getTime();
  if (!Number.isNaN(host)) hostOffset = host - at;
}

export function hostNow(): number {
  return Date.now() + hostOffset;
}

/** "in 3 hours", "2 days ago", relative to the host's now (or the given moment). */
export function fromNow(iso: string | null | undefined, now = hostNow()): string {
  if (!iso) return "";
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (Number.isNaN(seconds)) return "";
  // Each unit up to the next one's size, judged after rounding: 3,599.9 seconds is "1 hour", never "60 minutes".
  const units: [Intl.RelativeTimeFormatUnit, number, number][] = [
    ["second", 1, 60],
    ["minute", 60, 60],
    ["hour", 3600, 24],
  ];
  for (const [unit, size, next] of units) {
    const value = Math.round(seconds / size);
    if (Math.abs(value) < next) return relative.format(value, unit);
  }
  return relative.format(Math.round(seconds / 86400), "day");
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${(rate * 100).toFixed(rate < 0.1 && rate > 0 ? 1 : 0)} %`;
}

export function count(value: number | null | undefined): string {
  return (value ?? 0).toLocaleString("en-GB");
}
