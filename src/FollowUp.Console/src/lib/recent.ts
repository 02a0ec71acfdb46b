import { get, query } from "./api";
import type { CloudEvent } from "./types";

export interface RecentEvent {
  receivedAt: string;
  event: CloudEvent;
}

/** The latest real events FollowUp kept, newest first, for trying a rule or previewing a template on real data. */
export async function recentEvents(type: string | null, signal?: AbortSignal): Promise<RecentEvent[]> {
  try {
    const answer = await get<{ items: RecentEvent[] }>(`/api/events/recent${query({ type, limit: 20 })}`, signal ? { signal } : {});
    return answer.data?.items ?? [];
  } catch {
    // Without it (an older host, a key without the right), the samples still work.
    return [];
  }
}

export function describeEvent(event: CloudEvent): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const subject = (data["order"] as { id?: string } | undefined)?.id ?? (data["deal"] as { id?: string } | undefined)?.id ?? event.subject ?? event.id;
  const customer = (data["customer"] as { name?: string; id?: string } | undefined) ?? {};
  return `${event.type} ${subject}${customer.name ? ` (${customer.name})` : ""}`;
}
