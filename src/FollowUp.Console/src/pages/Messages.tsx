import { useEffect, useRef, useState } from "preact/hooks";
import { Link } from "../components/Link";
import { PreviewFrame } from "../components/PreviewFrame";
import { ErrorNote, Loading, Notice, useTitle } from "../components/Status";
import { ApiError, enc, get, post, query } from "../lib/api";
import { count, formatMomentsIn, formatTime, fromNow } from "../lib/format";
import { navigate, useRoute } from "../lib/router";
import { bySubject, Cancellable, Sent, timeline } from "../lib/timeline";
import type { MessagePage, MessageView, SentContent } from "../lib/types";

const Finders = [
  { id: "orderId", label: "Order id" },
  { id: "dealId", label: "Deal id" },
  { id: "customerId", label: "Customer id" },
  { id: "messageId", label: "Message id" },
] as const;
type Finder = (typeof Finders)[number]["id"];

const StatusTone: Record<string, string> = {
  scheduled: "", held: "warn", claimed: "", sent: "on", delivered: "on", opened: "on", clicked: "on", answered: "on",
  cancelled: "off", failed: "bad", bounced: "bad", complained: "bad", unsubscribed: "warn",
};

interface Found {
  messages: MessageView[];
  /** Where the search goes on when it stopped at its page limit, so the page can offer the rest. */
  more: string | null;
}

// Up to 1,000 messages a go: a customer with more has a long history, and the rest are a "Show more" away.
const PagesPerGo = 10;

async function find(by: Finder, value: string, from: string | null = null): Promise<Found> {
  if (by === "messageId") {
    const one = (await get<MessageView>(`/api/messages/${enc(value)}`)).data;
    // The whole order's or deal's follow-ups, so that the message is seen among them.
    const key = one.subjectKind === "deal" ? "dealId" : one.subjectKind === "order" ? "orderId" : null;
    if (!key) return { messages: [one], more: null };
    const all = await find(key, one.subjectId);
    const messages = all.messages.filter((m) => m.customerId === one.customerId);
    // An order with more follow-ups than a go reads may not have reached the one asked for: it is shown all the same.
    return { messages: messages.some((m) => m.id === one.id) ? messages : [...messages, one], more: null };
  }
  const messages: MessageView[] = [];
  let token: string | null | undefined = from;
  for (let page = 0; page < PagesPerGo; page++) {
    const answer: MessagePage = (await get<MessagePage>(`/api/messages${query({ [by]: value, limit: 100, continuationToken: token })}`)).data;
    messages.push(...answer.items);
    token = answer.continuationToken;
    if (!token) break;
  }
  return { messages, more: token ?? null };
}

export function MessagesPage() {
  useTitle("Messages");
  const { search } = useRoute();
  const initial = Finders.find((f) => search.get(f.id))?.id ?? "orderId";
  const [by, setBy] = useState<Finder>(initial);
  const [value, setValue] = useState(search.get(initial) ?? "");
  const [results, setResults] = useState<MessageView[] | null>(null);
  const [more, setMore] = useState<{ by: Finder; value: string; token: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const asked = Finders.map((f) => search.get(f.id) ?? "").join("|");

  // Only the latest search shows its answer: one that ends after another has started (Back, a second Find) is dropped.
  const latest = useRef(0);
  async function run(finder: Finder, text: string, from: string | null = null) {
    const ticket = ++latest.current;
    setBusy(true);
    setError(null);
    try {
      const found = await find(finder, text, from);
      if (ticket !== latest.current) return;
      // The rest is added to the list as it is now, which a cancel may have changed meanwhile.
      setResults((shown) => {
        if (!from || !shown) return found.messages;
        const known = new Set(shown.map((m) => m.id));
        return [...shown, ...found.messages.filter((m) => !known.has(m.id))];
      });
      setMore(found.more ? { by: finder, value: text, token: found.more } : null);
    } catch (failure) {
      if (ticket !== latest.current) return;
      if (from) {
        // What is shown stays: only the next part failed.
        setError(failure);
        return;
      }
      setResults(null);
      setMore(null);
      setError(failure instanceof ApiError && failure.status === 404 ? new Error(`No message has the id ${text}.`) : failure);
    } finally {
      if (ticket === latest.current) setBusy(false);
    }
  }

  useEffect(() => {
    const finder = Finders.find((f) => search.get(f.id));
    if (finder) {
      setBy(finder.id);
      setValue(search.get(finder.id) ?? "");
      void run(finder.id, search.get(finder.id) ?? "");
    } else {
      // The page without a search (the menu's link, or Back to it) shows none, and drops one under way.
      latest.current++;
      setResults(null);
      setMore(null);
      setError(null);
      setBusy(false);
    }
    // The address says what to find: a search is bookmarkable and the back button works.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asked]);

  function submit(event: Event) {
    event.preventDefault();
    const text = value.trim();
    if (!text) {
      setError(new Error(`Enter the ${Finders.find((f) => f.id === by)!.label.toLowerCase()} to find.`));
      return;
    }
    // The same search again is a look at what happened since: run it, as the address does not change.
    if (search.get(by) === text && Finders.every((f) => f.id === by || !search.get(f.id))) void run(by, text);
    else navigate(`messages${query({ [by]: text })}`);
  }

  return (
    <section aria-labelledby="messages-title">
      <h1 id="messages-title">Messages</h1>
      <form class="card finder" onSubmit={submit} role="search" aria-label="Find messages" noValidate>
        <div class="row">
          <label for="find-by" class="visually-hidden">Find by</label>
          <select id="find-by" value={by} onChange={(e) => setBy(e.currentTarget.value as Finder)}>
            {Finders.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
          </select>
          <label for="find-value" class="visually-hidden">{Finders.find((f) => f.id === by)!.label}</label>
          <input id="find-value" value={value} onInput={(e) => setValue(e.currentTarget.value)} placeholder={`${Finders.find((f) => f.id === by)!.label}, e.g. ${by === "dealId" ? "D-2207" : by === "customerId" ? "cus-2291" : by === "messageId" ? "9745950c…" : "ord-10482"}`} />
          <button type="submit" class="primary" disabled={busy}>{busy ? "Finding…" : "Find"}</button>
        </div>
      </form>
      {error !== null && <ErrorNote error={error} />}
      {busy && !results && <Loading what="messages" />}
      {results && results.length === 0 && <p class="muted">No messages found.</p>}
      {results && results.length > 0 && <Results messages={results} onChanged={(changed) => setResults((shown) => shown?.map((m) => (m.id === changed.id ? changed : m)) ?? shown)} />}
      {results && more && (
        <p class="card more" role="status">
          The first {count(results.length)} messages found are shown; there are more.{" "}
          <button type="button" disabled={busy} onClick={() => void run(more.by, more.value, more.token)}>
            {busy ? "Finding…" : "Show more"}
          </button>
        </p>
      )}
    </section>
  );
}

function Results({ messages, onChanged }: { messages: MessageView[]; onChanged: (message: MessageView) => void }) {
  const groups = bySubject(messages);
  return (
    <>
      {groups.map((group) => (
        <section class="card subject" key={group.key} aria-labelledby={`subject-${group.key.replace(/\W/g, "-")}`}>
          <h2 id={`subject-${group.key.replace(/\W/g, "-")}`}>
            {group.kind === "deal" ? "Deal" : group.kind === "order" ? "Order" : group.kind} {group.id}
            <span class="muted small"> · customer {group.messages[0]!.customerId}</span>
          </h2>
          <div class="subject-grid">
            <div>
              <h3>Follow-ups</h3>
              {group.messages.map((message) => <MessageCard key={message.id} message={message} onChanged={onChanged} />)}
            </div>
            <div>
              <h3>Timeline</h3>
              <ol class="timeline" aria-label={`Everything that happened to the follow-ups of ${group.kind} ${group.id}`}>
                {timeline(group.messages).map((entry, index) => (
                  <li key={index} class={`kind-${entry.kind}`}>
                    <time dateTime={entry.at} title={entry.at}>{formatTime(entry.at)}</time>
                    <span class="entry-rule">{entry.ruleId}{entry.reminder > 0 ? ` (reminder ${entry.reminder})` : ""}</span>
                    <span class="entry-kind">{entry.kind}</span>
                    {entry.detail && <span class="entry-detail">{formatMomentsIn(entry.detail)}</span>}
                  </li>
                ))}
              </ol>
            </div>
          </div>
        </section>
      ))}
    </>
  );
}

function MessageCard({ message, onChanged }: { message: MessageView; onChanged: (message: MessageView) => void }) {
  const [notice, setNotice] = useState<{ text: string; kind: "ok" | "error" } | null>(null);
  const [content, setContent] = useState<SentContent | null>(null);
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);

  async function cancel(event: Event) {
    event.preventDefault();
    try {
      const answer = await post<MessageView>(`/api/messages/${enc(message.id)}/cancel`, reason.trim() ? { reason: reason.trim() } : undefined);
      onChanged(answer.data);
      setConfirming(false);
      setNotice({ text: "Cancelled.", kind: "ok" });
    } catch (error) {
      setNotice({ text: error instanceof Error ? error.message : String(error), kind: "error" });
    }
  }

  async function show() {
    if (content) {
      setContent(null);
      return;
    }
    try {
      setContent((await get<SentContent>(`/api/messages/${enc(message.id)}/content`)).data);
    } catch (error) {
      setNotice({ text: error instanceof ApiError && error.status === 404 ? "The content of this message was not kept (sent before FollowUp kept content, or erased)." : String(error), kind: "error" });
    }
  }

  return (
    <article class="message" aria-label={`Message ${message.id}`} data-message={message.id}>
      <div class="message-head">
        <span class={`chip ${StatusTone[message.status] ?? ""}`} data-testid="status">{message.status}</span>
        <strong><Link to={`rules/${enc(message.ruleId)}`}>{message.ruleId}</Link></strong>
        {message.reminder ? <span class="chip">reminder {message.reminder}</span> : null}
        <span class="muted small">{message.email}</span>
      </div>
      <p class="small">
        {message.sentAt ? (
          <>Sent {formatTime(message.sentAt)} ({fromNow(message.sentAt)})</>
        ) : message.status === "cancelled" || message.status === "failed" ? (
          <>{message.status === "cancelled" ? "Cancelled" : "Failed"}; it was due {formatTime(message.dueAt)}</>
        ) : (
          <>Due {formatTime(message.dueAt)} ({fromNow(message.dueAt)})</>
        )}
        {message.subject && <> · “{message.subject}”</>}
        {message.answer && <> · answered <strong>{message.answer}</strong>{message.score != null ? ` (${message.scoreScale ?? "score"} ${message.score})` : ""}</>}
        {message.reason && <> · {formatMomentsIn(message.reason)}</>}
      </p>
      {message.comment && <blockquote class="comment">{message.comment}</blockquote>}
      <div class="row">
        {Sent.has(message.status) && <button type="button" class="small" onClick={show} aria-expanded={content !== null}>{content ? "Hide the mail" : "See it as sent"}</button>}
        {Cancellable.has(message.status) && !confirming && <button type="button" class="small danger" onClick={() => setConfirming(true)}>Cancel…</button>}
      </div>
      {confirming && (
        <form class="cancel-form" onSubmit={cancel}>
          <label for={`cancel-reason-${message.id}`}>Why (kept in the ledger)</label>
          <div class="row">
            <input id={`cancel-reason-${message.id}`} value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} placeholder="e.g. the customer called about it" />
            <button type="submit" class="danger">Cancel the message</button>
            <button type="button" class="quiet" onClick={() => setConfirming(false)}>Keep it</button>
          </div>
        </form>
      )}
      {notice && <Notice text={notice.text} kind={notice.kind} />}
      {content && (
        <div class="sent-content">
          <p class="small muted">
            Rule {content.ruleId} v{content.ruleVersion ?? "?"}, template {content.templateId} v{content.templateVersion ?? "?"}, {content.locale ?? ""}
          </p>
          <p><span class="muted">Subject:</span> <strong>{content.subject}</strong></p>
          {content.html ? <PreviewFrame html={content.html} width="desktop" title={`The mail ${message.id} as sent`} /> : <p class="muted">{content.omitted ?? "No HTML part."}</p>}
          <details class="text-part"><summary>Text part</summary><pre>{content.text}</pre></details>
        </div>
      )}
    </article>
  );
}
