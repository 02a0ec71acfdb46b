import type { MessageView } from "./types";

export interface TimelineEntry {
  at: string;
  kind: string;
  detail: string;
  messageId: string;
  ruleId: string;
  reminder: number;
}

/** Every ledger entry of the messages, oldest first; entries at the same moment keep their message's order. */
export function timeline(messages: MessageView[]): TimelineEntry[] {
  const entries = messages.flatMap((message) =>
    message.history.map((event, index) => ({
      at: event.at,
      kind: event.kind,
      detail: event.detail ?? "",
      messageId: message.id,
      ruleId: message.ruleId,
      reminder: message.reminder ?? 0,
      order: index,
    })),
  );
  // By the moment, not by how it is written: "10:00:05Z" and "10:00:05.25Z" sort as strings the wrong way round.
  const time = (at: string) => {
    const ms = Date.parse(at);
    return Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms;
  };
  entries.sort((a, b) => time(a.at) - time(b.at) || a.messageId.localeCompare(b.messageId) || a.order - b.order);
  return entries.map(({ order: _order, ...entry }) => entry);
}

/** Messages by what they follow up: "order ord-1", "deal D-7", in the order their first message was made. */
export function bySubject(messages: MessageView[]): { key: string; kind: string; id: string; messages: MessageView[] }[] {
  const groups = new Map<string, { key: string; kind: string; id: string; messages: MessageView[] }>();
  for (const message of [...messages].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))) {
    const key = `${message.subjectKind} ${message.subjectId}`;
    const group = groups.get(key) ?? { key, kind: message.subjectKind, id: message.subjectId, messages: [] };
    group.messages.push(message);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export const Cancellable = new Set(["scheduled", "held"]);
export const Sent = new Set(["sent", "delivered", "opened", "clicked", "answered", "bounced", "complained", "unsubscribed"]);
