import type { ReportGroup, ReportPoint } from "./types";

/** The funnel a message goes down, in order, and what takes it out of the funnel. */
export const FunnelStages = ["scheduled", "sent", "delivered", "opened", "clicked", "answered"] as const;
export const SideStages = ["deferred", "cancelled", "bounced", "complained", "unsubscribed", "failed"] as const;

export const PhaseNames: Record<string, string> = {
  purchase: "Purchase",
  waiting: "Waiting",
  use: "Use",
  repeat: "Repeat",
  lostSale: "Lost sale",
};
export const PhaseOrder = ["purchase", "waiting", "use", "repeat", "lostSale"];

/** The whole installation's series: the phases' series added up point by point. */
export function totalSeries(phases: ReportGroup[]): ReportPoint[] {
  const byStart = new Map<string, Record<string, number>>();
  for (const phase of phases) {
    for (const point of phase.series) {
      const counts = byStart.get(point.start) ?? {};
      for (const [stage, value] of Object.entries(point.counts)) counts[stage] = (counts[stage] ?? 0) + value;
      byStart.set(point.start, counts);
    }
  }
  return [...byStart.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([start, counts]) => ({ start, counts }));
}

/** The UTC day `days - 1` days before `to`, and `to`, as the API takes them. */
export function period(days: number, to = new Date()): { from: string; to: string } {
  const from = new Date(to.getTime() - (days - 1) * 86400_000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/** A bar's share of the widest, for drawing; 0 when there is nothing. */
export function share(value: number, of: number): number {
  return of > 0 ? Math.min(1, value / of) : 0;
}
