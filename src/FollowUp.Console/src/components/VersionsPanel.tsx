import { useState } from "preact/hooks";
import { ApiError, enc, get, post } from "../lib/api";
import { formatTime, fromNow } from "../lib/format";
import type { VersionHistory } from "../lib/types";
import { DiffView } from "./DiffView";
import { Notice } from "./Status";
import { useAsync } from "./useAsync";

interface Props {
  kind: "rules" | "templates";
  id: string;
  /** The saved version now; the history is read again when it changes. */
  current: number | null;
  /** The text to compare from a version read (the part being edited, or the whole rule). */
  draftText: (version: unknown) => string;
  currentText: string;
  what: string;
  etag: string | null;
  dirty: boolean;
  onRestored: (saved: unknown, etag: string | null) => void;
}

/** Every kept version, newest first: compare one with what is on screen, or make it current again. */
export function VersionsPanel({ kind, id, current, draftText, currentText, what, etag, dirty, onRestored }: Props) {
  const history = useAsync(async (signal) => {
    try {
      return (await get<VersionHistory>(`/api/${kind}/${enc(id)}/versions`, { signal })).data;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }, [kind, id, current]);
  const [compared, setCompared] = useState<{ version: number; data: unknown } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function compare(version: number) {
    setNotice(null);
    try {
      const answer = await get<unknown>(`/api/${kind}/${enc(id)}/versions/${version}`);
      setCompared({ version, data: answer.data });
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    }
  }

  async function restore(version: number) {
    if (dirty && !confirm(`Restore version ${version}? Your unsaved changes are dropped.`)) return;
    setNotice(null);
    try {
      const answer = await post<unknown>(`/api/${kind}/${enc(id)}/versions/${version}/restore`, undefined, { ifMatch: etag });
      setCompared(null);
      onRestored(answer.data, answer.etag);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    }
  }

  const versions = history.data?.versions ?? [];
  return (
    <section class="versions card" aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      {notice && <Notice text={notice} kind="error" />}
      {history.error !== null && <Notice text={String(history.error)} kind="error" />}
      {versions.length === 0 ? (
        <p class="muted">No versions yet: each save keeps the one before it.</p>
      ) : (
        <ol class="version-list">
          {versions.map((entry) => (
            <li key={entry.version} class={entry.current ? "current" : undefined}>
              <span class="version-name">v{entry.version}</span>
              <span title={formatTime(entry.updatedAt)}>{fromNow(entry.updatedAt) || "time unknown"}</span>
              <span class="muted">by {entry.updatedBy ?? "unknown"}</span>
              {entry.restoredFrom != null && <span class="chip">restored v{entry.restoredFrom}</span>}
              {entry.current ? (
                <span class="chip on">current</span>
              ) : (
                <span class="version-actions">
                  <button type="button" class="small" onClick={() => compare(entry.version)} aria-label={`Compare version ${entry.version} with the editor`}>
                    Compare
                  </button>
                  <button type="button" class="small" onClick={() => restore(entry.version)} aria-label={`Restore version ${entry.version}`}>
                    Restore
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {compared && (
        <div class="compare">
          <div class="compare-head">
            <h3>
              {what}: version {compared.version} and the editor
            </h3>
            <button type="button" class="quiet small" onClick={() => setCompared(null)}>
              Close
            </button>
          </div>
          <DiffView before={draftText(compared.data)} after={currentText} beforeLabel={`Version ${compared.version}`} afterLabel="In the editor" />
        </div>
      )}
    </section>
  );
}
