import { MergeView } from "@codemirror/merge";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { useEffect, useRef } from "preact/hooks";
import { styleNonce } from "../lib/nonce";

interface Props {
  before: string;
  after: string;
  beforeLabel: string;
  afterLabel: string;
}

/** Two texts side by side with their differences marked, read-only. */
export function DiffView({ before, after, beforeLabel, afterLabel }: Props) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const readOnly = (label: string) => [EditorView.cspNonce.of(styleNonce), EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.lineWrapping, EditorView.contentAttributes.of({ "aria-label": label })];
    const view = new MergeView({
      a: { doc: before, extensions: readOnly(beforeLabel) },
      b: { doc: after, extensions: readOnly(afterLabel) },
      parent: host.current!,
      collapseUnchanged: { margin: 2, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [before, after, beforeLabel, afterLabel]);
  return (
    <div class="diff">
      <div class="diff-labels" aria-hidden="true">
        <span>{beforeLabel}</span>
        <span>{afterLabel}</span>
      </div>
      <div ref={host} />
    </div>
  );
}
