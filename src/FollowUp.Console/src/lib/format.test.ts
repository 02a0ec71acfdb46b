import { describe, expect, it, vi } from "vitest";
import { formatMomentsIn, formatTime, fromNow, setHostNow } from "./format";

describe("relative times", () => {
  it("say how long ago or until", () => {
    const now = Date.parse("2026-11-24T12:00:00Z");
    expect(fromNow("2026-11-24T10:00:00Z", now)).toBe("2 hours ago");
    expect(fromNow("2026-11-27T12:00:00Z", now)).toBe("in 3 days");
    expect(fromNow("2026-11-24T11:59:30Z", now)).toBe("30 seconds ago");
    expect(fromNow(null, now)).toBe("");
    expect(fromNow("not a time", now)).toBe("");
  });

  it("name the larger unit when a value rounds up to it", () => {
    const now = Date.parse("2026-11-24T12:00:00Z");
    expect(fromNow(new Date(now - 3_599_900).toISOString(), now)).toBe("1 hour ago");
    expect(fromNow(new Date(now - 59_600).toISOString(), now)).toBe("1 minute ago");
    expect(fromNow(new Date(now + 86_399_000).toISOString(), now)).toBe("tomorrow");
    expect(fromNow(new Date(now - 23 * 3_600_000).toISOString(), now)).toBe("23 hours ago");
  });

  it("go by the host's clock once it is known", () => {
    // The host is a day ahead of this browser: what it did an hour ago by its clock is "1 hour ago". The browser's
    // clock is held still so the milliseconds between the calls cannot count.
    vi.useFakeTimers({ now: Date.parse("2026-11-24T12:00:00Z") });
    try {
      setHostNow("2026-11-25T12:00:00Z");
      expect(fromNow("2026-11-25T11:00:00Z")).toBe("1 hour ago");
      vi.advanceTimersByTime(30 * 60_000);
      expect(fromNow("2026-11-25T11:00:00Z")).toBe("1 hour ago");
      vi.advanceTimersByTime(31 * 60_000);
      expect(fromNow("2026-11-25T11:00:00Z")).toBe("2 hours ago");
    } finally {
      setHostNow(new Date(Date.now()).toISOString(), Date.now());
      vi.useRealTimers();
    }
  });
});

describe("formatDay", () => {
  it("names the report's day as the host counts it, in a browser west of UTC too", async () => {
    // The report's days are dates ("2026-11-24"); read as UTC midnight and shown in New York's time, they are the day before.
    vi.stubEnv("TZ", "America/New_York");
    try {
      const { formatDay } = await import("./format");
      expect(formatDay("2026-11-24")).toBe("24 Nov");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("formatMomentsIn", () => {
  it("writes the moments in a ledger entry's words as the rest of the page does", () => {
    const moment = "2026-11-23T09:00:00.0000000+00:00";
    expect(formatMomentsIn(`by rule thank-you v1 on order.placed, due ${moment}`)).toBe(`by rule thank-you v1 on order.placed, due ${formatTime(moment)}`);
    expect(formatMomentsIn("at 2026-11-23T09:00Z and 2026-11-24T10:30:05.25-05:00.")).toBe(`at ${formatTime("2026-11-23T09:00Z")} and ${formatTime("2026-11-24T10:30:05.25-05:00")}.`);
    expect(formatTime(moment)).not.toContain("2026-11-23T");
  });

  it("leaves dates, times without a zone and other words as they are", () => {
    const text = "deferred to Tue 24 Nov 10:00 Europe/Oslo (report day 2026-11-24, local 2026-11-24T10:00)";
    expect(formatMomentsIn(text)).toBe(text);
  });
});
