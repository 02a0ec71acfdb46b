import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { setPageTitle } from "../lib/pageTitle";

export function useTitle(title: string): void {
  useEffect(() => setPageTitle(title), [title]);
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error, children }: { error: unknown; children?: ComponentChildren }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="error-note" role="alert">
      <p>{message}</p>
      {children}
    </div>
  );
}

/** Says what happened after a save, a restore or a send, where a screen reader hears it. */
export function Notice({ text, kind = "ok" }: { text: string | null; kind?: "ok" | "error" }) {
  return (
    <p class={`notice ${kind}`} role={kind === "error" ? "alert" : "status"} aria-live="polite">
      {text ?? ""}
    </p>
  );
}
