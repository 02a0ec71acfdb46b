import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { CodeEditor, type EditorMark } from "../components/CodeEditor";
import { EventPicker } from "../components/EventPicker";
import { Link } from "../components/Link";
import { PreviewFrame } from "../components/PreviewFrame";
import { ErrorNote, Loading, Notice, useTitle } from "../components/Status";
import { Tabs } from "../components/Tabs";
import { useAsync } from "../components/useAsync";
import { postJson, useDebounced } from "../components/usePreview";
import { VersionsPanel } from "../components/VersionsPanel";
import { ApiError, del, enc, get, post, put } from "../lib/api";
import { loadDescription } from "../lib/description";
import { fieldLabel, LocaleNames, templatePart } from "../lib/fields";
import { errorsUnder, positionIn, type Problem } from "../lib/problem";
import { navigate, useLeaveGuard, useRoute } from "../lib/router";
import type { CloudEvent, MessageTemplate, RenderedContent, Rule, TemplateContent, TemplateKind, TemplateSyntax } from "../lib/types";

/** The five languages FollowUp writes in, in the order a Nordic marketer expects them. */
export const Locales = Object.entries(LocaleNames).map(([id, label]) => ({ id, label }));

type Part = keyof TemplateContent;
const Parts: { id: Part; label: string }[] = [
  { id: "subject", label: "Subject" },
  { id: "html", label: "HTML" },
  { id: "text", label: "Text" },
];

interface Draft {
  description: string;
  syntax: TemplateSyntax;
  kind: TemplateKind;
  layout: string;
  locales: Record<string, TemplateContent>;
}

const blank: TemplateContent = { subject: "", html: "", text: "" };

function toDraft(template: MessageTemplate | null): Draft {
  if (!template) {
    return { description: "", syntax: "scriban", kind: "message", layout: "", locales: { en: { ...blank } } };
  }
  return {
    description: template.description ?? "",
    syntax: template.syntax,
    kind: template.kind,
    layout: template.layout ?? "",
    locales: Object.fromEntries(Object.entries(template.locales).map(([locale, content]) => [locale, { ...content }])),
  };
}

function toInput(draft: Draft) {
  return {
    description: draft.description || null,
    syntax: draft.syntax,
    kind: draft.kind,
    layout: draft.kind === "message" && draft.layout ? draft.layout : null,
    locales: draft.locales,
  };
}

export function TemplateEditorPage({ id }: { id: string }) {
  useTitle(`Template ${id}`);
  const { search } = useRoute();
  const isNew = search.get("new") === "1";
  const loaded = useAsync(async (signal) => {
    try {
      return await get<MessageTemplate>(`/api/templates/${enc(id)}`, { signal });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && isNew) return null;
      throw error;
    }
  }, [id]);
  const description = useAsync(() => loadDescription(), []);
  const templates = useAsync((signal) => get<MessageTemplate[]>("/api/templates", { signal }).then((a) => a.data), []);
  const rules = useAsync((signal) => get<Rule[]>("/api/rules", { signal }).then((a) => a.data), []);

  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState<MessageTemplate | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [locale, setLocale] = useState("en");
  const [part, setPart] = useState<Part>("html");
  // Going to an error from the list: its button goes with it (the list leaves out the part shown), so the focus goes to
  // the text the error is in rather than to the document's top.
  const [goneToError, setGoneToError] = useState(0);
  useEffect(() => {
    if (goneToError) document.getElementById("template-text")?.focus();
  }, [goneToError]);
  const [width, setWidth] = useState<"desktop" | "phone">("desktop");
  const [sample, setSample] = useState<CloudEvent | null>(null);
  const [saveProblem, setSaveProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<{ text: string; kind: "ok" | "error" } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (loaded.data === undefined || loaded.loading) return;
    const template = loaded.data?.data ?? null;
    setSaved(template);
    setEtag(loaded.data?.etag ?? null);
    setDraft(toDraft(template));
  }, [loaded.data, loaded.loading]);

  const senders = rules.data?.filter((rule) => rule.templateId === id) ?? [];
  const trigger = senders[0]?.trigger ?? null;
  const layouts = templates.data?.filter((t) => t.kind === "layout" && t.id !== id) ?? [];
  const dirty = draft !== null && JSON.stringify(toInput(draft)) !== JSON.stringify(toInput(toDraft(saved)));

  useLeaveGuard(dirty);
  const draftRef = useRef(draft);
  draftRef.current = draft;

  const written = draft !== null && draft.locales[locale] !== undefined;
  const previewInput = draft && written ? { locale, template: toInput(draft), ...(sample ? { event: sample } : {}) } : null;
  const preview = useDebounced(previewInput, (input, signal) => postJson<RenderedContent>(`/api/templates/${enc(id)}/preview`, input, signal));

  const marks = useMemo<EditorMark[]>(() => {
    const field = `locales.${locale}.${part}`;
    const list: EditorMark[] = [];
    for (const problem of [preview.problem, saveProblem]) {
      for (const reason of errorsUnder(problem, `template.${field}`).concat(errorsUnder(problem, field))) {
        const position = positionIn(reason);
        list.push(position ? { ...position, severity: "error" } : { line: 1, column: 1, message: reason, severity: "error" });
      }
    }
    for (const warning of preview.result?.warnings ?? []) {
      if (warning.field === field) list.push({ line: warning.line, column: warning.column, message: warning.message, severity: "warning" });
    }
    return list;
  }, [preview.problem, preview.result, saveProblem, locale, part]);

  // The languages and parts a refused save or the preview found errors in, marked on their tabs.
  const erring = useMemo(() => {
    const found: { locale: string; part: string }[] = [];
    for (const problem of [preview.problem, saveProblem]) {
      for (const field of Object.keys(problem?.errors ?? {})) {
        const where = templatePart(field);
        if (where) found.push(where);
      }
    }
    return found;
  }, [preview.problem, saveProblem]);
  const errorMark = (has: boolean) => has && <span class="tab-error" title="Has errors"><span aria-hidden="true"> ●</span><span class="visually-hidden"> (has errors)</span></span>;

  if (loaded.error) return <ErrorNote error={loaded.error}><p><Link to="templates">Back to the templates</Link></p></ErrorNote>;
  if (!draft) return <Loading what={`template ${id}`} />;

  const content = draft.locales[locale];
  // An edit answers the last refused save: its reasons pointed at text that is no longer there.
  function update(change: Partial<Draft>) {
    setDraft((current) => (current ? { ...current, ...change } : current));
    setNotice(null);
    setSaveProblem(null);
  }
  function updatePart(value: string) {
    setDraft((current) => {
      if (!current) return current;
      const existing = current.locales[locale] ?? { ...blank };
      return { ...current, locales: { ...current.locales, [locale]: { ...existing, [part]: value } } };
    });
    setNotice(null);
    setSaveProblem(null);
  }

  async function save() {
    if (!draft) return;
    setBusy(true);
    setSaveProblem(null);
    const sent = JSON.stringify(toInput(draft));
    try {
      const answer = await put<MessageTemplate>(`/api/templates/${enc(id)}`, toInput(draft), { ifMatch: etag });
      setSaved(answer.data);
      setEtag(answer.etag);
      // What was typed while the save was under way stays, and stays unsaved.
      if (draftRef.current && JSON.stringify(toInput(draftRef.current)) === sent) setDraft(toDraft(answer.data));
      setNotice({ text: `Saved as version ${answer.data.version}.`, kind: "ok" });
      if (isNew) navigate(`templates/${enc(id)}`, true);
    } catch (error) {
      if (error instanceof ApiError) {
        setSaveProblem(error.problem);
        setNotice({
          text: error.status === 412 ? "Someone changed this template since you opened it. Copy your changes, reload, and apply them again." : error.message,
          kind: "error",
        });
      } else setNotice({ text: String(error), kind: "error" });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!confirm(`Delete the template ${id}? Its versions are kept, and it can be restored.`)) return;
    try {
      await del(`/api/templates/${enc(id)}`);
      navigate("templates");
    } catch (error) {
      setNotice({ text: error instanceof Error ? error.message : String(error), kind: "error" });
    }
  }

  const otherErrors = saveProblem?.errors
    ? Object.entries(saveProblem.errors).filter(([field]) => {
        // The part shown marks its own errors in its text.
        const where = templatePart(field);
        return !where || where.locale !== locale || where.part !== part;
      })
    : [];
  const localeTabs = [...Locales, ...Object.keys(draft.locales).filter((l) => !Locales.some((known) => known.id === l)).map((l) => ({ id: l, label: l }))];

  return (
    <section class="template-editor" aria-labelledby="template-title">
      <div class="page-head">
        <div>
          <p class="crumbs"><Link to="templates">Templates</Link> /</p>
          <h1 id="template-title">{id}</h1>
          <p class="muted">
            {saved ? `Version ${saved.version}` : "Not saved yet"}
            {senders.length > 0 && <> · sent by {senders.map((rule, index) => <span key={rule.id}>{index > 0 && ", "}<Link to={`rules/${enc(rule.id)}`}>{rule.id}</Link></span>)}</>}
            {dirty && <strong class="unsaved"> · unsaved changes</strong>}
          </p>
        </div>
        <div class="actions">
          {saved && <button type="button" class="danger quiet" onClick={remove}>Delete</button>}
          <button type="button" class="primary" onClick={save} disabled={busy || (!dirty && saved !== null)}>
            {busy ? "Saving…" : "Save"}
          </button>
        </div>
      </div>
      {notice && <Notice text={notice.text} kind={notice.kind} />}
      {otherErrors.length > 0 && (
        <ul class="problems" aria-label="What to fix before saving">
          {otherErrors.map(([field, reasons]) => {
            const where = templatePart(field);
            const name = fieldLabel(field);
            return reasons.map((reason) => (
              <li key={field + reason}>
                {where ? (
                  <button type="button" class="link" title={`Go to ${name}`} onClick={() => { setLocale(where.locale); setPart(where.part as Part); setGoneToError((n) => n + 1); }}>
                    {name}
                  </button>
                ) : (
                  <strong>{name}</strong>
                )}
                : {reason}
              </li>
            ));
          })}
        </ul>
      )}

      <details class="settings" open={isNew}>
        <summary>Settings: kind, syntax, layout, description</summary>
        <div class="grid">
          <div class="field">
            <label for="template-description">Description</label>
            <input id="template-description" value={draft.description} onInput={(e) => update({ description: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="template-kind">Kind</label>
            <select id="template-kind" value={draft.kind} onChange={(e) => update({ kind: e.currentTarget.value as TemplateKind })}>
              <option value="message">Message (a rule sends it)</option>
              <option value="layout">Layout (frames messages: {"{{ content }}"} marks where)</option>
              <option value="partial">Partial (included by others)</option>
            </select>
          </div>
          <div class="field">
            <label for="template-syntax">Syntax</label>
            <select id="template-syntax" value={draft.syntax} onChange={(e) => update({ syntax: e.currentTarget.value as TemplateSyntax })}>
              <option value="scriban">Scriban</option>
              <option value="liquid">Liquid</option>
            </select>
          </div>
          {draft.kind === "message" && (
            <div class="field">
              <label for="template-layout">Layout</label>
              <select id="template-layout" value={draft.layout} onChange={(e) => update({ layout: e.currentTarget.value })}>
                <option value="">None: the HTML is the whole mail</option>
                {layouts.map((layout) => <option key={layout.id} value={layout.id}>{layout.id}</option>)}
              </select>
            </div>
          )}
        </div>
      </details>

      <div class="editor-grid">
        <div class="editor-side">
          <Tabs label="Language" idPrefix="locale" selected={locale} onSelect={setLocale} tabs={localeTabs.map((l) => ({ id: l.id, label: <>{l.label}{draft.locales[l.id] ? "" : <span class="muted"> (not written)</span>}{errorMark(erring.some((e) => e.locale === l.id))}</> }))} />
          {content ? (
            <div id="locale-panel" role="tabpanel" aria-labelledby={`locale-tab-${locale}`}>
              <Tabs label="Part" idPrefix="part" selected={part} onSelect={(p) => setPart(p as Part)} tabs={Parts.map((p) => ({ id: p.id, label: <>{p.label}{errorMark(erring.some((e) => e.locale === locale && e.part === p.id))}</> }))} />
              <div id="part-panel" role="tabpanel" aria-labelledby={`part-tab-${part}`}>
                <CodeEditor
                  key={`${locale}-${part}`}
                  id="template-text"
                  label={`${Parts.find((p) => p.id === part)!.label}, ${localeTabs.find((l) => l.id === locale)?.label ?? locale}`}
                  value={content[part]}
                  onChange={updatePart}
                  language={part === "html" ? (draft.syntax === "liquid" ? "liquid" : "html") : "text"}
                  singleLine={part === "subject"}
                  marks={marks}
                  names={description.data?.model ?? []}
                  describedBy="template-marks"
                />
                <ul id="template-marks" class="marks" aria-live="polite">
                  {marks.map((mark) => (
                    <li key={`${mark.line}:${mark.column}:${mark.message}`} class={mark.severity}>
                      <span class="where">Line {mark.line}, column {mark.column}</span> {mark.message}
                    </li>
                  ))}
                </ul>
              </div>
              {locale !== "en" && (
                <button type="button" class="quiet small" onClick={() => { const next = { ...draft.locales }; delete next[locale]; update({ locales: next }); }}>
                  Stop writing {locale} (fall back to English)
                </button>
              )}
            </div>
          ) : (
            <div id="locale-panel" role="tabpanel" aria-labelledby={`locale-tab-${locale}`} class="empty-locale">
              <p>Not written in {localeTabs.find((l) => l.id === locale)?.label}: customers who read it get {locale === "nn" ? "Bokmål, or else " : ""}English.</p>
              <button type="button" onClick={() => update({ locales: { ...draft.locales, [locale]: { ...(draft.locales["en"] ?? blank) } } })}>
                Write it, starting from English
              </button>
            </div>
          )}
        </div>

        <div class="preview-side" aria-labelledby="preview-title">
          <div class="preview-head">
            <h2 id="preview-title">Preview</h2>
            <div class="segmented" role="group" aria-label="Width">
              <button type="button" aria-pressed={width === "desktop"} onClick={() => setWidth("desktop")}>Desktop</button>
              <button type="button" aria-pressed={width === "phone"} onClick={() => setWidth("phone")}>Phone</button>
            </div>
          </div>
          <EventPicker id="preview-event" label="Data" description={description.data} preferredType={trigger} allowDefault={true} onChange={setSample} />
          <p class="status-line" role="status">
            {preview.busy ? "Rendering…" : preview.problem ? "Fix the marked line to see the preview." : preview.error ? preview.error : preview.result ? `Rendered in ${preview.result.locale}.` : ""}
          </p>
          {preview.result && (
            <div class={preview.problem ? "stale" : undefined} inert={Boolean(preview.problem)}>
              <p class="preview-subject"><span class="muted">Subject:</span> <strong data-testid="preview-subject">{preview.result.subject}</strong></p>
              <PreviewFrame html={preview.result.html} width={width} title={`Preview of the ${locale} mail at ${width} width`} />
              <details class="text-part">
                <summary>Text part</summary>
                <pre>{preview.result.text}</pre>
              </details>
            </div>
          )}
          {saved && <TestSend id={id} locale={locale} draft={dirty ? toInput(draft) : null} event={sample} />}
        </div>
      </div>

      <VersionsPanel
        kind="templates"
        id={id}
        current={saved?.version ?? null}
        draftText={(version) => textOf(version as MessageTemplate | null, locale, part)}
        currentText={content ? content[part] : ""}
        what={`${Parts.find((p) => p.id === part)!.label} (${locale})`}
        etag={etag}
        onRestored={(template, newEtag) => {
          const restored = template as MessageTemplate;
          setSaved(restored);
          setEtag(newEtag);
          setDraft(toDraft(restored));
          setSaveProblem(null);
          setNotice({ text: `Restored version ${restored.restoredFrom} as version ${restored.version}.`, kind: "ok" });
        }}
        dirty={dirty}
      />
    </section>
  );
}

function textOf(template: MessageTemplate | null, locale: string, part: Part): string {
  return template?.locales[locale]?.[part] ?? "";
}

function TestSend({ id, locale, draft, event }: { id: string; locale: string; draft: unknown; event: CloudEvent | null }) {
  const [to, setTo] = useState("");
  const [result, setResult] = useState<{ text: string; kind: "ok" | "error" } | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(e: Event) {
    e.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to.trim())) {
      setResult({ text: "Enter the address to send the test to.", kind: "error" });
      return;
    }
    setBusy(true);
    try {
      const answer = await post<{ subject?: string; to?: string }>(`/api/templates/${enc(id)}/test-send`, {
        to: to.trim(),
        locale,
        ...(draft ? { template: draft } : {}),
        ...(event ? { event } : {}),
      });
      setResult({ text: `Sent “${answer.data.subject ?? "the test"}” to ${answer.data.to ?? to.trim()}.`, kind: "ok" });
    } catch (error) {
      const reason = error instanceof ApiError ? errorsUnder(error.problem, "to")[0] ?? error.message : String(error);
      setResult({ text: reason, kind: "error" });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="test-send" onSubmit={send} noValidate>
      <label for="test-send-to">Send a test to</label>
      <div class="row">
        <input id="test-send-to" type="email" autocomplete="email" value={to} placeholder="you@example.com" onInput={(e) => setTo(e.currentTarget.value)} />
        <button type="submit" disabled={busy}>{busy ? "Sending…" : "Send test"}</button>
      </div>
      <p class="hint">{draft ? "Sends what you see, unsaved changes included." : "Sends the saved version."} The subject starts with [Test].</p>
      {result && <Notice text={result.text} kind={result.kind} />}
    </form>
  );
}
