import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { CodeEditor, type EditorMark } from "../components/CodeEditor";
import { DurationField } from "../components/DurationField";
import { EventPicker } from "../components/EventPicker";
import { describedBy, Field } from "../components/Field";
import { Link } from "../components/Link";
import { ErrorNote, Loading, Notice, useTitle } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { postJson, useDebounced } from "../components/usePreview";
import { VersionsPanel } from "../components/VersionsPanel";
import { ApiError, del, enc, get, put } from "../lib/api";
import { loadDescription } from "../lib/description";
import { fieldLabel } from "../lib/fields";
import { fromNow, formatTime } from "../lib/format";
import { errorsUnder, positionIn, type Problem } from "../lib/problem";
import { navigate, useLeaveGuard, useRoute } from "../lib/router";
import type { CloudEvent, DryRunResult, JourneyPhase, MessageCategory, MessageTemplate, Rule, SendWindow } from "../lib/types";

export type RuleDraft = Omit<Rule, "id" | "version" | "updatedAt" | "updatedBy" | "restoredFrom" | "warnings">;

const Days = [
  { id: "mon", label: "Mon" },
  { id: "tue", label: "Tue" },
  { id: "wed", label: "Wed" },
  { id: "thu", label: "Thu" },
  { id: "fri", label: "Fri" },
  { id: "sat", label: "Sat" },
  { id: "sun", label: "Sun" },
];

const Phases: { id: JourneyPhase; label: string }[] = [
  { id: "purchase", label: "Purchase" },
  { id: "waiting", label: "Waiting" },
  { id: "use", label: "Use" },
  { id: "repeat", label: "Repeat" },
  { id: "lostSale", label: "Lost sale" },
];

const blankRule: RuleDraft = {
  description: "",
  trigger: "order.placed",
  condition: "",
  delay: "PT1H",
  templateId: "",
  cancelOn: [],
  enabled: true,
  coupon: null,
  category: "service",
  alerts: null,
  phase: null,
  sendWindow: null,
  frequencyCap: null,
  priority: 0,
  reminders: [],
  expiresAfter: null,
  maxEventAge: null,
};

export function toRuleDraft(rule: Rule | null): RuleDraft {
  if (!rule) return { ...blankRule };
  const { id: _id, version: _v, updatedAt: _a, updatedBy: _b, restoredFrom: _r, warnings: _w, ...rest } = rule;
  return { ...blankRule, ...rest, description: rest.description ?? "", condition: rest.condition ?? "" };
}

/** What PUT takes: empty texts are left out, so that the rule's defaults apply. */
export function toRuleInput(draft: RuleDraft): Record<string, unknown> {
  return {
    ...draft,
    description: draft.description || null,
    condition: draft.condition?.trim() ? draft.condition : null,
    sendWindow: draft.sendWindow && (draft.sendWindow.from || draft.sendWindow.to || draft.sendWindow.days?.length) ? draft.sendWindow : null,
  };
}

export function RuleEditorPage({ id }: { id: string }) {
  useTitle(`Rule ${id}`);
  const { search } = useRoute();
  const isNew = search.get("new") === "1";
  const loaded = useAsync(async (signal) => {
    try {
      return await get<Rule>(`/api/rules/${enc(id)}`, { signal });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && isNew) return null;
      throw error;
    }
  }, [id]);
  const description = useAsync(() => loadDescription(), []);
  const templates = useAsync((signal) => get<MessageTemplate[]>("/api/templates", { signal }).then((a) => a.data), []);

  const [draft, setDraft] = useState<RuleDraft | null>(null);
  const [saved, setSaved] = useState<Rule | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<{ text: string; kind: "ok" | "error" } | null>(null);
  const [busy, setBusy] = useState(false);
  const [sample, setSample] = useState<CloudEvent | null>(null);

  useEffect(() => {
    if (loaded.loading || loaded.data === undefined) return;
    const rule = loaded.data?.data ?? null;
    setSaved(rule);
    setEtag(loaded.data?.etag ?? null);
    const next = toRuleDraft(rule);
    if (!rule && isNew) next.templateId = "";
    setDraft(next);
  }, [loaded.data, loaded.loading]);

  const dirty = draft !== null && JSON.stringify(toRuleInput(draft)) !== JSON.stringify(toRuleInput(toRuleDraft(saved)));
  useLeaveGuard(dirty);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  // Fields whose text cannot be read (a delay in words it does not understand): the form is not saved while any is.
  const [unreadable, setUnreadable] = useState<Set<string>>(new Set());
  const readable = (field: string) => (ok: boolean) =>
    setUnreadable((current) => {
      if (ok === !current.has(field)) return current;
      const next = new Set(current);
      if (ok) next.delete(field);
      else next.add(field);
      return next;
    });
  const tryInput = draft && sample && draft.templateId ? { rule: toRuleInput(draft), event: sample } : null;
  const trial = useDebounced(tryInput, (input, signal) => postJson<DryRunResult>("/api/rules/dry-run", input, signal), 400);

  // Reasons for a field: from the last save, else from the trial run (named rule.<field> there).
  const errorsOf = (field: string) => {
    const fromSave = errorsUnder(problem, field);
    return fromSave.length ? fromSave : errorsUnder(trial.problem, `rule.${field}`);
  };

  const conditionMarks = useMemo<EditorMark[]>(
    () =>
      [...errorsUnder(problem, "condition"), ...errorsUnder(trial.problem, "rule.condition")].map((reason) => {
        const position = positionIn(reason);
        return position ? { ...position, severity: "error" as const } : { line: 1, column: 1, message: reason, severity: "error" as const };
      }),
    [problem, trial.problem],
  );

  if (loaded.error) return <ErrorNote error={loaded.error}><p><Link to="rules">Back to the rules</Link></p></ErrorNote>;
  if (!draft) return <Loading what={`rule ${id}`} />;

  const eventTypes = description.data?.eventTypes ?? [];
  const messageTemplates = templates.data?.filter((t) => t.kind === "message") ?? [];
  // An edit answers the last refused save; the trial run goes on naming what is still wrong as the form changes.
  function update(change: Partial<RuleDraft>) {
    setDraft((current) => (current ? { ...current, ...change } : current));
    setNotice(null);
    setProblem(null);
  }
  function updateWindow(change: Partial<SendWindow>) {
    update({ sendWindow: { ...(draft!.sendWindow ?? {}), ...change } });
  }

  async function save() {
    if (!draft) return;
    if (unreadable.size > 0) {
      setNotice({ text: "The rule was not saved: fix the fields marked below.", kind: "error" });
      return;
    }
    setBusy(true);
    setProblem(null);
    const sent = JSON.stringify(toRuleInput(draft));
    try {
      const answer = await put<Rule>(`/api/rules/${enc(id)}`, toRuleInput(draft), { ifMatch: etag });
      setSaved(answer.data);
      setEtag(answer.etag);
      if (draftRef.current && JSON.stringify(toRuleInput(draftRef.current)) === sent) setDraft(toRuleDraft(answer.data));
      setNotice({ text: `Saved as version ${answer.data.version}.`, kind: "ok" });
      if (isNew) navigate(`rules/${enc(id)}`, true);
    } catch (error) {
      if (error instanceof ApiError) {
        setProblem(error.problem);
        setNotice({
          text:
            error.status === 412
              ? "Someone changed this rule since you opened it. Copy your changes, reload, and apply them again."
              : error.status === 400
                ? "The rule was not saved: fix the fields marked below."
                : error.message,
          kind: "error",
        });
      } else setNotice({ text: String(error), kind: "error" });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!confirm(`Delete the rule ${id}? Its pending messages are cancelled. Its versions are kept, and it can be restored.`)) return;
    try {
      await del(`/api/rules/${enc(id)}`);
      navigate("rules");
    } catch (error) {
      setNotice({ text: error instanceof Error ? error.message : String(error), kind: "error" });
    }
  }

  const win = draft.sendWindow ?? {};
  const capMode = draft.frequencyCap === null || draft.frequencyCap === undefined ? "default" : draft.frequencyCap === "none" ? "none" : "custom";
  const [capCount, capDuration] = capMode === "custom" ? (draft.frequencyCap ?? "1/P7D").split("/") : ["1", "P7D"];
  const unknownErrors = problem?.errors
    ? Object.entries(problem.errors).filter(([field]) => !KnownFields.some((known) => field.toLowerCase() === known.toLowerCase() || field.toLowerCase().startsWith(known.toLowerCase() + ".") || field.toLowerCase().startsWith(known.toLowerCase() + "[")))
    : [];

  return (
    <section class="rule-editor" aria-labelledby="rule-title">
      <div class="page-head">
        <div>
          <p class="crumbs"><Link to="rules">Rules</Link> /</p>
          <h1 id="rule-title">{id}</h1>
          <p class="muted">
            {saved ? `Version ${saved.version}${saved.updatedAt ? `, saved ${fromNow(saved.updatedAt)}` : ""}${saved.updatedBy ? ` by ${saved.updatedBy}` : ""}` : "Not saved yet"}
            {dirty && <strong class="unsaved"> · unsaved changes</strong>}
          </p>
        </div>
        <div class="actions">
          {saved && <button type="button" class="danger quiet" onClick={remove}>Delete</button>}
          <button type="button" class="primary" onClick={save} disabled={busy || (!dirty && saved !== null)}>{busy ? "Saving…" : "Save"}</button>
        </div>
      </div>
      {notice && <Notice text={notice.text} kind={notice.kind} />}
      {unknownErrors.length > 0 && (
        <ul class="problems">
          {unknownErrors.map(([field, reasons]) => <li key={field}><strong>{fieldLabel(field)}</strong>: {reasons.join(" ")}</li>)}
        </ul>
      )}
      {saved?.warnings?.length ? (
        <ul class="marks">{saved.warnings.map((w) => <li class="warning" key={w.field + w.line + w.column}><span class="where">{w.field}, line {w.line}, column {w.column}</span> {w.message}</li>)}</ul>
      ) : null}

      <div class="editor-grid">
        <form class="card rule-form" onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate aria-label="Rule">
          <fieldset>
            <legend>When</legend>
            <div class="field checkbox">
              <label><input type="checkbox" checked={draft.enabled} onChange={(e) => update({ enabled: e.currentTarget.checked })} /> Enabled</label>
              <p class="hint">A disabled rule holds its messages as they fall due; enabling it releases them into its send window.</p>
            </div>
            <Field id="rule-description" label="Description" errors={errorsOf("description")}>
              <input id="rule-description" value={draft.description ?? ""} onInput={(e) => update({ description: e.currentTarget.value })} />
            </Field>
            <Field id="rule-trigger" label="Trigger" hint="The event that starts the message." errors={errorsOf("trigger")}>
              <select id="rule-trigger" value={draft.trigger} onChange={(e) => update({ trigger: e.currentTarget.value })} aria-describedby={describedBy("rule-trigger", true, errorsOf("trigger"))} aria-invalid={errorsOf("trigger").length ? "true" : undefined}>
                {(eventTypes.includes(draft.trigger) ? eventTypes : [draft.trigger, ...eventTypes]).map((type) => <option key={type} value={type}>{type}</option>)}
              </select>
            </Field>
            <div class="field">
              <label for="rule-condition">Condition</label>
              <CodeEditor
                id="rule-condition"
                label="Condition"
                value={draft.condition ?? ""}
                onChange={(value) => update({ condition: value })}
                singleLine={true}
                expression={true}
                names={description.data?.model ?? []}
                marks={conditionMarks}
                placeholder="always (e.g. customer.order_count == 3)"
                describedBy="rule-condition-hint"
              />
              <p class="hint" id="rule-condition-hint">A Scriban expression over the event and the customer; names complete as you type (Ctrl+Space lists them).</p>
              {conditionMarks.length > 0 && <p class="field-error" role="alert">{conditionMarks.map((m) => `Column ${m.column}: ${m.message}`).join(" ")}</p>}
            </div>
            <DurationField id="rule-delay" label="Delay" value={draft.delay} onChange={(iso) => update({ delay: iso ?? "PT0S" })} onReadable={readable("delay")} errors={errorsOf("delay")} hint="After the event." />
            <Field id="rule-cancel-on" label="Cancelled by" hint="Events for the same order or deal that cancel a pending message." errors={errorsOf("cancelOn")}>
              <div class="checks" id="rule-cancel-on" role="group" aria-label="Cancelled by">
                {eventTypes.map((type) => (
                  <label key={type} class="check">
                    <input type="checkbox" checked={draft.cancelOn.includes(type)} onChange={(e) => update({ cancelOn: e.currentTarget.checked ? [...draft.cancelOn, type] : draft.cancelOn.filter((t) => t !== type) })} /> {type}
                  </label>
                ))}
              </div>
            </Field>
            <DurationField id="rule-max-event-age" label="Ignore events older than" value={draft.maxEventAge ?? null} optional onChange={(iso) => update({ maxEventAge: iso })} onReadable={readable("maxEventAge")} errors={errorsOf("maxEventAge")} />
          </fieldset>

          <fieldset>
            <legend>What</legend>
            <Field id="rule-template" label="Template" errors={errorsOf("templateId")}>
              <select id="rule-template" value={draft.templateId} onChange={(e) => update({ templateId: e.currentTarget.value })} aria-invalid={errorsOf("templateId").length ? "true" : undefined} aria-describedby={describedBy("rule-template", false, errorsOf("templateId"))}>
                <option value="">Choose a template</option>
                {messageTemplates.map((t) => <option key={t.id} value={t.id}>{t.id}</option>)}
              </select>
            </Field>
            {draft.templateId && <p class="small"><Link to={`templates/${enc(draft.templateId)}`}>Edit the template {draft.templateId}</Link></p>}
            <div class="grid two">
              <Field id="rule-category" label="Category" hint="Decides the caps, consent and what an unsubscribe stops." errors={errorsOf("category")}>
                <select id="rule-category" value={draft.category} onChange={(e) => update({ category: e.currentTarget.value as MessageCategory })}>
                  <option value="service">Service</option>
                  <option value="feedback">Feedback</option>
                  <option value="marketing">Marketing</option>
                </select>
              </Field>
              <Field id="rule-phase" label="Journey phase" hint="Where reports count it." errors={errorsOf("phase")}>
                <select id="rule-phase" value={draft.phase ?? ""} onChange={(e) => update({ phase: (e.currentTarget.value || null) as JourneyPhase | null })}>
                  <option value="">From the trigger</option>
                  {Phases.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
                </select>
              </Field>
            </div>
            <Field id="rule-coupon-prefix" label="Coupon code" hint="A unique code per message, e.g. prefix THANKS and 8 characters." errors={errorsOf("coupon")}>
              <div class="row">
                <input id="rule-coupon-prefix" aria-label="Coupon prefix" placeholder="no coupon" value={draft.coupon?.prefix ?? ""} onInput={(e) => update({ coupon: e.currentTarget.value ? { prefix: e.currentTarget.value, length: draft.coupon?.length ?? 8 } : null })} />
                <input type="number" aria-label="Coupon length" min={4} max={32} value={draft.coupon?.length ?? 8} disabled={!draft.coupon} onInput={(e) => draft.coupon && update({ coupon: { ...draft.coupon, length: Number(e.currentTarget.value) } })} />
              </div>
            </Field>
          </fieldset>

          <fieldset>
            <legend>The right time</legend>
            <Field id="rule-window-from" label="Send window" hint="In the customer's time zone. A window whose end is not after its start runs past midnight." errors={errorsOf("sendWindow")}>
              <div class="row">
                <input id="rule-window-from" type="time" aria-label="Send window from" value={win.from ?? ""} onInput={(e) => updateWindow({ from: e.currentTarget.value || null })} />
                <span>to</span>
                <input type="time" aria-label="Send window to" value={win.to ?? ""} onInput={(e) => updateWindow({ to: e.currentTarget.value || null })} />
              </div>
              <div class="checks" role="group" aria-label="Send window days">
                {Days.map((day) => {
                  const days = win.days ?? [];
                  return (
                    <label key={day.id} class="check">
                      <input type="checkbox" checked={days.includes(day.id)} onChange={(e) => updateWindow({ days: e.currentTarget.checked ? Days.map((d) => d.id).filter((d) => d === day.id || days.includes(d)) : days.filter((d) => d !== day.id) })} /> {day.label}
                    </label>
                  );
                })}
                <label class="check"><input type="checkbox" checked={win.skipHolidays ?? false} onChange={(e) => updateWindow({ skipHolidays: e.currentTarget.checked || null })} /> Skip public holidays</label>
              </div>
            </Field>
            <Field id="rule-cap" label="Frequency cap" hint="How many messages of this rule a customer may get in a period." errors={errorsOf("frequencyCap")}>
              <div class="row">
                <select id="rule-cap" value={capMode} onChange={(e) => update({ frequencyCap: e.currentTarget.value === "default" ? null : e.currentTarget.value === "none" ? "none" : "1/P7D" })}>
                  <option value="default">The category's cap</option>
                  <option value="none">No cap</option>
                  <option value="custom">At most…</option>
                </select>
                {capMode === "custom" && (
                  <>
                    <input type="number" min={1} max={100} aria-label="Messages at most" value={capCount} onInput={(e) => update({ frequencyCap: `${e.currentTarget.value}/${capDuration}` })} />
                    <span>in</span>
                    <select aria-label="Cap period" value={capDuration} onChange={(e) => update({ frequencyCap: `${capCount}/${e.currentTarget.value}` })}>
                      {["P1D", "P7D", "P14D", "P30D", "P90D"].includes(capDuration ?? "") ? null : <option value={capDuration}>{capDuration}</option>}
                      <option value="P1D">a day</option>
                      <option value="P7D">7 days</option>
                      <option value="P14D">14 days</option>
                      <option value="P30D">30 days</option>
                      <option value="P90D">90 days</option>
                    </select>
                  </>
                )}
              </div>
            </Field>
            <div class="grid two">
              <Field id="rule-priority" label="Priority" hint="Of two messages that collide, the higher goes first." errors={errorsOf("priority")}>
                <NumberInput id="rule-priority" value={draft.priority} onChange={(priority) => update({ priority })} />
              </Field>
              <DurationField id="rule-expires" label="Give up after" value={draft.expiresAfter ?? null} optional onChange={(iso) => update({ expiresAfter: iso })} onReadable={readable("expiresAfter")} errors={errorsOf("expiresAfter")} hint="A message held or deferred longer than this past its time is cancelled." />
            </div>
            <fieldset class="inner">
              <legend>Reminders</legend>
              {draft.reminders.map((reminder, index) => (
                <div class="row reminder" key={index}>
                  <DurationField id={`rule-reminder-${index}`} label={`Reminder ${index + 1}, after the first send`} value={reminder} onChange={(iso) => update({ reminders: draft.reminders.map((r, i) => (i === index ? (iso ?? r) : r)) })} onReadable={readable(`reminders[${index}]`)} errors={errorsOf(`reminders[${index}]`)} />
                  <button type="button" class="quiet small" onClick={() => update({ reminders: draft.reminders.filter((_, i) => i !== index) })} aria-label={`Remove reminder ${index + 1}`}>Remove</button>
                </div>
              ))}
              {errorsOf("reminders").length > 0 && <p class="field-error" role="alert">{errorsOf("reminders").join(" ")}</p>}
              {draft.reminders.length < 3 && <button type="button" class="small" onClick={() => update({ reminders: [...draft.reminders, draft.reminders.length ? "P10D" : "P4D"] })}>Add a reminder</button>}
            </fieldset>
          </fieldset>

          <fieldset>
            <legend>Alerts</legend>
            <Field id="rule-alerts-to" label="Alert to" hint="Who hears of answers that need a person (detractors, comments, the answers below)." errors={errorsOf("alerts")}>
              <input id="rule-alerts-to" type="email" value={draft.alerts?.to ?? ""} onInput={(e) => update({ alerts: { ...(draft.alerts ?? {}), to: e.currentTarget.value || null } })} />
            </Field>
            <Field id="rule-alerts-answers" label="Also alert on the answers" hint="Separated by commas, e.g. service, product-fit.">
              <ListInput id="rule-alerts-answers" value={draft.alerts?.answers ?? []} onChange={(answers) => update({ alerts: { ...(draft.alerts ?? {}), answers } })} />
            </Field>
          </fieldset>
        </form>

        <aside class="preview-side" aria-labelledby="try-title">
          <h2 id="try-title">Try it</h2>
          <p class="muted small">Runs the rule as it stands in the form on an event, for the event's customer as FollowUp knows them. Nothing is sent or saved.</p>
          <EventPicker id="try-event" label="Event" description={description.data} preferredType={draft.trigger} allowDefault={false} onChange={setSample} />
          <TrialResult trial={trial} ready={tryInput !== null} templateChosen={Boolean(draft.templateId)} />
        </aside>
      </div>

      {saved && (
        <VersionsPanel
          kind="rules"
          id={id}
          current={saved.version}
          draftText={(version) => JSON.stringify(toRuleInput(toRuleDraft(version as Rule)), null, 2)}
          currentText={JSON.stringify(toRuleInput(draft), null, 2)}
          what="The rule"
          etag={etag}
          dirty={dirty}
          onRestored={(rule, newEtag) => {
            const restored = rule as Rule;
            setSaved(restored);
            setEtag(newEtag);
            setDraft(toRuleDraft(restored));
            setProblem(null);
            setNotice({ text: `Restored version ${restored.restoredFrom} as version ${restored.version}.`, kind: "ok" });
          }}
        />
      )}
    </section>
  );
}

const KnownFields = ["description", "trigger", "condition", "delay", "templateId", "cancelOn", "category", "phase", "coupon", "sendWindow", "frequencyCap", "priority", "expiresAfter", "reminders", "maxEventAge", "alerts"];

function TrialResult({ trial, ready, templateChosen }: { trial: ReturnType<typeof useDebounced<unknown, DryRunResult>>; ready: boolean; templateChosen: boolean }) {
  if (!templateChosen) return <p class="muted">Choose a template to try the rule.</p>;
  if (!ready) return <p class="muted">Loading the sample events…</p>;
  return (
    <div class="trial" role="status" aria-live="polite">
      {trial.busy && <p class="status-line">Trying…</p>}
      {trial.error && <p class="error">{trial.error}</p>}
      {trial.problem && <p class="error">The rule cannot be tried yet: {Object.entries(trial.problem.errors ?? {}).map(([f, r]) => `${fieldLabel(f)}: ${r.join(" ")}`).join("; ") || trial.problem.title}</p>}
      {trial.result && !trial.problem && (
        trial.result.wouldSchedule ? (
          <div class="verdict yes">
            <p><strong>Would schedule</strong>{trial.result.ruleEnabled ? "" : " (once enabled)"}:</p>
            <ol>
              {trial.result.messages.map((m) => (
                <li key={m.reminder}>
                  {m.reminder === 0 ? "The message" : `Reminder ${m.reminder}`} at <strong>{formatTime(m.dueAt)}</strong> <span class="muted">({fromNow(m.dueAt)})</span>
                  {m.deferral && <div class="small muted">{m.deferral}</div>}
                  {m.cancelledBecause && <div class="small">Then cancelled: {m.cancelledBecause}</div>}
                </li>
              ))}
            </ol>
          </div>
        ) : (
          <div class="verdict no">
            <p><strong>Would not schedule:</strong> {trial.result.reason}</p>
          </div>
        )
      )}
    </div>
  );
}

/** A whole number typed key by key: "-" and "" are on the way to one, and stay on screen while the rule keeps the last. */
function NumberInput({ id, value, onChange }: { id: string; value: number; onChange: (value: number) => void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => {
    if (Number(text) !== value) setText(String(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <input
      id={id}
      inputMode="numeric"
      value={text}
      onInput={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        if (/^-?\d+$/.test(next.trim())) onChange(Number(next.trim()));
      }}
    />
  );
}

/** A list typed with commas between: the text stays as typed (a comma and all), the rule gets the items. */
function ListInput({ id, value, onChange }: { id: string; value: string[]; onChange: (value: string[]) => void }) {
  const parse = (text: string) => text.split(",").map((item) => item.trim()).filter(Boolean);
  const [text, setText] = useState(value.join(", "));
  useEffect(() => {
    if (parse(text).join("\u0000") !== value.join("\u0000")) setText(value.join(", "));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <input
      id={id}
      value={text}
      onInput={(e) => {
        setText(e.currentTarget.value);
        onChange(parse(e.currentTarget.value));
      }}
    />
  );
}
