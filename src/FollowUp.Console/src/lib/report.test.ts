import { describe, expect, it } from "vitest";
import { period, share, totalSeries } from "./report";
import type { ReportGroup } from "./types";

const group = (phase: ReportGroup["phase"], series: [string, Record<string, number>][]): ReportGroup => ({
  phase,
  totals: { counts: {}, rates: {}, answers: {} },
  series: series.map(([start, counts]) => ({ start, counts })),
});

describe("reports", () => {
  it("adds the phases' series up by day, in order", () => {
    const total = totalSeries([
      group("purchase", [["2026-11-24", { sent: 2 }], ["2026-11-23", { sent: 1, opened: 1 }]]),
      group("lostSale", [["2026-11-23", { sent: 4 }]]),
    ]);
    expect(total).toEqual([
      { start: "2026-11-23", counts: { sent: 5, opened: 1 } },
      { start: "2026-11-24", counts: { sent: 2 } },
    ]);
  });

  it("counts a period's days with both ends in", () => {
    expect(period(7, new Date("2026-11-24T10:00:00Z"))).toEqual({ from: "2026-11-18", to: "2026-11-24" });
    expect(period(1, new Date("2026-11-24T23:59:00Z"))).toEqual({ from: "2026-11-24", to: "2026-11-24" });
  });

  it("draws shares of the widest, never past it", () => {
    expect(share(5, 10)).toBe(0.5);
    expect(share(3, 0)).toBe(0);
    expect(share(12, 10)).toBe(1);
  });
});
