import { autocompletion, closeBrackets, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { html } from "@codemirror/lang-html";
import { liquid } from "@codemirror/lang-liquid";
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Annotation, Compartment, EditorState, Prec, type Extension } from "@codemirror/state";
import { EditorView, highlightActiveLine, keymap, lineNumbers, placeholder as placeholderText } from "@codemirror/view";
import { useEffect, useRef } from "preact/hooks";
import { lastPart, namesBeneath, type ModelName } from "../lib/model";
import { styleNonce } from "../lib/nonce";

/** Marks a change that came from outside (a restore, a reload): not an edit, so not reported back as one. */
const external = Annotation.define<boolean>();


export interface EditorMark {
  line: number;
  column: number;
  message: string;
  severity: "error" | "warning";
}

interface Props {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  label: string;
  language?: "html" | "liquid" | "text";
  singleLine?: boolean;
  marks?: EditorMark[];
  names?: ModelName[];
  /** Complete names everywhere (a condition), rather than only inside {{ }} or {% %} (a template). */
  expression?: boolean;
  placeholder?: string;
  describedBy?: string;
}

function completionSource(names: () => ModelName[], expression: boolean) {
  return (context: CompletionContext): CompletionResult | null => {
    if (!expression) {
      const before = context.state.sliceDoc(Math.max(0, context.pos - 400), context.pos);
      const open = Math.max(before.lastIndexOf("{{"), before.lastIndexOf("{%"));
      const close = Math.max(before.lastIndexOf("}}"), before.lastIndexOf("%}"));
      if (open < 0 || close > open) return null;
    }
    const word = context.matchBefore(/[A-Za-z_][\w.]*|\.$/);
    if (!word && !context.explicit) return null;
    const text = word?.text ?? "";
    const dot = text.lastIndexOf(".");
    const prefix = dot < 0 ? "" : text.slice(0, dot);
    const options = namesBeneath(names(), prefix).map((name) => ({
      label: lastPart(name.path),
      detail: name.type,
      info: name.description || undefined,
      type: name.type.includes("object") ? "namespace" : "property",
    }));
    if (options.length === 0) return null;
    return { from: (word?.from ?? context.pos) + dot + 1, options, validFor: /^\w*$/ };
  };
}

function toDiagnostics(view: EditorView, marks: EditorMark[]): Diagnostic[] {
  const doc = view.state.doc;
  return marks.map((mark) => {
    const line = doc.line(Math.min(Math.max(mark.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(mark.column - 1, 0), line.to);
    const wordEnd = /^[\w.]+/.exec(doc.sliceString(from, line.to))?.[0].length ?? 0;
    return { from, to: Math.min(from + Math.max(wordEnd, 1), line.to), severity: mark.severity, message: mark.message };
  });
}

/** CodeMirror 6 for template parts and conditions. Tab moves to the next field, as in any form. */
export function CodeEditor(props: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const names = useRef(props.names ?? []);
  names.current = props.names ?? [];
  const language = useRef(new Compartment());
  // What the editor reported and the page has not rendered back yet: a value arriving that is one of these is the
  // page catching up with typing (maybe a keystroke behind), not a change from outside, and must not undo keystrokes.
  const echoes = useRef<string[]>([]);

  useEffect(() => {
    const extensions: Extension[] = [
      EditorView.cspNonce.of(styleNonce),
      // CodeMirror's own greys are too light to read against white (WCAG AA asks 4.5:1).
      EditorView.theme({ ".cm-placeholder": { color: "#5b6474" }, ".cm-gutters": { color: "#5b6474" } }),
      history(),
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap]),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      bracketMatching(),
      closeBrackets(),
      highlightSelectionMatches(),
      autocompletion({ override: [completionSource(() => names.current, props.expression ?? false)], activateOnTyping: true }),
      language.current.of(languageOf(props.language)),
      EditorView.contentAttributes.of({
        "aria-label": props.label,
        ...(props.describedBy ? { "aria-describedby": props.describedBy } : {}),
        ...(props.id ? { id: props.id } : {}),
      }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !update.transactions.some((tr) => tr.annotation(external))) {
          const text = update.state.doc.toString();
          echoes.current.push(text);
          if (echoes.current.length > 200) echoes.current.shift();
          onChange.current(text);
        }
      }),
    ];
    if (props.singleLine) {
      // One line: Enter does nothing (a completion still takes it first), and line breaks pasted in become spaces, one
      // for one, so that the paste keeps its place and the cursor its position.
      extensions.push(
        Prec.high(keymap.of([{ key: "Enter", run: () => true }])),
        EditorState.transactionFilter.of((tr) => {
          if (!tr.docChanged || tr.newDoc.lines === 1) return tr;
          return { changes: { from: 0, to: tr.startState.doc.length, insert: tr.newDoc.toString().replace(/[\r\n]/g, " ") }, selection: tr.selection, scrollIntoView: true };
        }),
      );
    } else {
      extensions.push(lineNumbers(), highlightActiveLine(), lintGutter(), EditorView.lineWrapping);
    }
    if (props.placeholder) extensions.push(placeholderText(props.placeholder));

    const created = new EditorView({
      state: EditorState.create({ doc: props.value, extensions }),
      parent: host.current!,
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // Made once; value, marks and language are brought up to date below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    const text = current.state.doc.toString();
    if (text === props.value) {
      echoes.current = [];
      return;
    }
    if (echoes.current.includes(props.value)) return;
    echoes.current = [];
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: props.value }, annotations: external.of(true) });
  }, [props.value]);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(languageOf(props.language)) });
  }, [props.language]);

  useEffect(() => {
    const current = view.current;
    if (current) current.dispatch(setDiagnostics(current.state, toDiagnostics(current, props.marks ?? [])));
    // Only when the marks change: a dispatch on every keystroke would cut short a completion being worked out.
  }, [props.marks]);

  return <div class={`code-editor${props.singleLine ? " single-line" : ""}`} ref={host} />;
}

function languageOf(language: Props["language"]): Extension {
  switch (language) {
    case "html":
      return html();
    case "liquid":
      return liquid();
    default:
      return [];
  }
}
