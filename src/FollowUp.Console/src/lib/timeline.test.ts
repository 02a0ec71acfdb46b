import { describe, expect, it } from "vitest";
import { bySubject, timeline } from "./timeline";
import type { MessageView } from "./types";

const message = (id: string, ruleId: string, subjectId: string, createdAt: string, history: [string, string][]): MessageView =>
  ({
    id,
    ruleId,
    customerId: "c-1",
    email: "kari@example.com",
    templateId: ruleId,
    subjectKind: "order",
    subjectId,
    eventType: "order.placed",
    status: "scheduled",
    createdAt,
    dueAt: createdAt,
    attempts: 0,
    history: history.map(([at, kind]) => ({ at, kind, detail: `${kind} of ${id}` })),
  }) as MessageView;

describe("the timeline", () => {
  it("puts every message's entries in one line, oldest first", () => {
    const entries = timeline([
      message("m2", "review", "o-1", "2026-11-20T10:00:00Z", [["2026-11-20T10:00:00Z", "scheduled"], ["2026-11-25T08:00:00Z", "sent"]]),
      message("m1", "thanks", "o-1", "2026-11-20T10:00:00Z", [["2026-11-20T10:00:00Z", "scheduled"], ["2026-11-20T11:00:00Z", "sent"]]),
    ]);
    expect(entries.map((e) => `${e.messageId} ${e.kind}`)).toEqual(["m1 scheduled", "m2 scheduled", "m1 sent", "m2 sent"]);
    expect(entries[3]?.detail).toBe("sent of m2");
  });

  it("groups messages by what they follow up", () => {
    const groups = bySubject([
      message("m3", "thanks", "o-2", "2026-11-22T10:00:00Z", []),
      message("m1", "thanks", "o-1", "2026-11-20T10:00:00Z", []),
      message("m2", "review", "o-1", "2026-11-21T10:00:00Z", []),
    ]);
    expect(groups.map((g) => [g.key, g.messages.map((m) => m.id)])).toEqual([
      ["order o-1", ["m1", "m2"]],
      ["order o-2", ["m3"]],
    ]);
  });

  it("orders entries by time, not by how the time is written", () => {
    // The API writes DateTimeOffset as System.Text.Json does: no fraction on a whole second (SendGrid's events come
    // in whole seconds), up to seven digits otherwise. A delivery at 10:00:05 comes before a click at 10:00:05.25.
    const entries = timeline([
      message("m1", "thanks", "o-1", "2026-11-20T10:00:00+00:00", [
        ["2026-11-20T10:00:00.1234567+00:00", "sent"],
        ["2026-11-20T10:00:05+00:00", "delivered"],
        ["2026-11-20T10:00:05.25+00:00", "clicked"],
      ]),
    ]);
    expect(entries.map((e) => e.kind)).toEqual(["sent", "delivered", "clicked"]);
  });
});
