import { useEffect, useState } from "preact/hooks";
import { describedBy, Field } from "../components/Field";
import { Link } from "../components/Link";
import { ErrorNote, Loading, Notice, useTitle } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { ApiError, enc, get, put, query, request } from "../lib/api";
import { formatTime, fromNow } from "../lib/format";
import { errorsUnder, type Problem } from "../lib/problem";

type Scope = "marketing" | "marketingAndFeedback" | "everything";

interface Change {
  at: string;
  action: "added" | "removed";
  by: string;
  reason?: string | null;
  scope?: Scope | null;
}

interface Suppressed {
  key: string;
  address?: string | null;
  erasedCustomer?: boolean;
  suppressed?: boolean;
  scope?: Scope | null;
  source?: string | null;
  reason?: string | null;
  at?: string | null;
  by?: string | null;
  messageId?: string | null;
  history?: Change[] | null;
}

const Scopes: { id: Scope; label: string }[] = [
  { id: "everything", label: "Everything" },
  { id: "marketingAndFeedback", label: "Marketing and feedback" },
  { id: "marketing", label: "Marketing only" },
];

const Sources: Record<string, string> = {
  unknown: "Unknown",
  unsubscribeLink: "Unsubscribe link",
  hardBounce: "Hard bounce",
  dropped: "Dropped by the provider",
  spamReport: "Spam report",
  providerUnsubscribe: "Unsubscribed at the provider",
  manual: "Added by hand",
};

export function SuppressionsPage() {
  useTitle("Suppressions");
  const [q, setQ] = useState("");
  const [asked, setAsked] = useState("");
  const [pages, setPages] = useState<string[]>([]);
  // Counts removals, so that the add form's "gets no mail" stops saying so of an address removed since.
  const [removals, setRemovals] = useState(0);
  const list = useAsync(
    (signal) => get<{ items: Suppressed[]; continuationToken?: string | null }>(`/api/suppressions${query({ q: asked, limit: 50, continuationToken: pages[pages.length - 1] })}`, { signal }).then((a) => a.data),
    [asked, pages.length],
  );

  return (
    <section aria-labelledby="suppressions-title">
      <div class="page-head">
        <div>
          <h1 id="suppressions-title">Suppressions</h1>
          <p class="muted">Addresses that get no mail, or less: by an unsubscribe, a bounce, a spam report, or by hand.</p>
        </div>
      </div>
      <div class="suppressions-grid">
        <div>
          <form class="card finder" role="search" aria-label="Find suppressed addresses" onSubmit={(e) => { e.preventDefault(); setPages([]); if (q.trim() === asked) list.reload(); else setAsked(q.trim()); }}>
            <div class="row">
              <label for="suppression-search" class="visually-hidden">Address or its start</label>
              <input id="suppression-search" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder="An address, or its start" />
              <button type="submit" class="primary">Search</button>
            </div>
          </form>
          {list.loading && !list.data && <Loading what="suppressions" />}
          {list.error !== null && <ErrorNote error={list.error} />}
          {list.data && (
            <>
              {list.data.items.length === 0 ? (
                <p class="muted">{asked ? `No suppressed address starts with ${asked}.` : "No address is suppressed."}</p>
              ) : (
                <table class="list">
                  <caption class="visually-hidden">Suppressed addresses</caption>
                  <thead>
                    <tr><th scope="col">Address</th><th scope="col">Stops</th><th scope="col">Why</th><th scope="col">When</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((item) => <Row key={item.key} item={item} onChanged={() => { list.reload(); setRemovals((n) => n + 1); }} />)}
                  </tbody>
                </table>
              )}
              <div class="row pager">
                {pages.length > 0 && <button type="button" onClick={() => setPages(pages.slice(0, -1))}>Previous</button>}
                {list.data.continuationToken && <button type="button" onClick={() => setPages([...pages, list.data!.continuationToken!])}>Next</button>}
              </div>
            </>
          )}
        </div>
        <AddSuppression onAdded={list.reload} removals={removals} />
      </div>
    </section>
  );
}

function Row({ item, onChanged }: { item: Suppressed; onChanged: () => void }) {
  const [removing, setRemoving] = useState(false);
  const [reason, setReason] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [history, setHistory] = useState<Change[] | null>(null);
  const name = item.address ?? "an erased customer's address";

  async function remove(event: Event) {
    event.preventDefault();
    try {
      await request("DELETE", `/api/suppressions/${enc(item.key)}`, reason.trim() ? { body: { reason: reason.trim() } } : {});
      setRemoving(false);
      onChanged();
    } catch (error) {
      setNotice(error instanceof ApiError ? (errorsUnder(error.problem, "reason")[0] ?? error.message) : String(error));
    }
  }

  async function showHistory() {
    if (history) {
      setHistory(null);
      return;
    }
    try {
      setHistory((await get<Suppressed>(`/api/suppressions/${enc(item.key)}`)).data.history ?? []);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <tr data-key={item.key}>
      <td data-label="Address">
        {item.address ?? <span class="muted" title={item.key}>erased customer</span>}
        {item.suppressed === false && <span class="chip off">removed</span>}
      </td>
      <td data-label="Stops">{Scopes.find((s) => s.id === item.scope)?.label ?? item.scope ?? "—"}</td>
      <td data-label="Why">
        {Sources[item.source ?? "unknown"] ?? item.source}
        {item.reason && <div class="small muted">{item.reason}</div>}
        {item.by && <div class="small muted">by {item.by}</div>}
        {item.messageId && <div class="small"><Link to={`messages?messageId=${enc(item.messageId)}`}>the message</Link></div>}
      </td>
      <td data-label="When" title={formatTime(item.at)}>{fromNow(item.at)}</td>
      <td>
        <div class="row">
          <button type="button" class="small" onClick={showHistory} aria-expanded={history !== null} aria-label={`History of ${name}`}>History</button>
          {item.suppressed !== false && !removing && <button type="button" class="small danger" onClick={() => setRemoving(true)} aria-label={`Remove ${name}`}>Remove…</button>}
        </div>
        {removing && (
          <form class="cancel-form" onSubmit={remove}>
            <label for={`remove-reason-${item.key}`}>Why it may get mail again</label>
            <div class="row">
              <input id={`remove-reason-${item.key}`} value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} placeholder="e.g. asked us by phone to subscribe again" />
              <button type="submit" class="danger">Remove</button>
              <button type="button" class="quiet" onClick={() => setRemoving(false)}>Keep</button>
            </div>
          </form>
        )}
        {notice && <Notice text={notice} kind="error" />}
        {history && (
          history.length === 0 ? <p class="small muted">No changes by hand.</p> : (
            <ol class="small history">
              {history.map((change, index) => (
                <li key={index}>{formatTime(change.at)}: {change.action} by {change.by}{change.reason ? ` — ${change.reason}` : ""}</li>
              ))}
            </ol>
          )
        )}
      </td>
    </tr>
  );
}

function AddSuppression({ onAdded, removals }: { onAdded: () => void; removals: number }) {
  const [address, setAddress] = useState("");
  const [scope, setScope] = useState<Scope>("everything");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<{ text: string; kind: "ok" | "error" } | null>(null);
  useEffect(() => setNotice(null), [removals]);

  async function add(event: Event) {
    event.preventDefault();
    setProblem(null);
    const local: Record<string, string[]> = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(address.trim())) local["address"] = ["Enter an email address."];
    if (!reason.trim()) local["reason"] = ["Say why, for the address's history."];
    if (Object.keys(local).length) {
      setProblem({ title: "Not added.", errors: local });
      return;
    }
    try {
      await put(`/api/suppressions/${enc(address.trim())}`, { scope, reason: reason.trim() });
      setNotice({ text: `${address.trim()} gets no ${scope === "everything" ? "mail" : scope === "marketing" ? "marketing" : "marketing or feedback"} from now on.`, kind: "ok" });
      setAddress("");
      setReason("");
      onAdded();
    } catch (error) {
      if (error instanceof ApiError) {
        setProblem(error.problem);
        setNotice({ text: error.message, kind: "error" });
      } else setNotice({ text: String(error), kind: "error" });
    }
  }

  const addressErrors = errorsUnder(problem, "address");
  const reasonErrors = errorsUnder(problem, "reason");
  return (
    <form class="card" onSubmit={add} noValidate aria-labelledby="add-suppression-title">
      <h2 id="add-suppression-title">Add an address</h2>
      <Field id="suppress-address" label="Address" errors={addressErrors}>
        <input id="suppress-address" type="email" value={address} onInput={(e) => setAddress(e.currentTarget.value)} aria-invalid={addressErrors.length ? "true" : undefined} aria-describedby={describedBy("suppress-address", false, addressErrors)} />
      </Field>
      <Field id="suppress-scope" label="Stop">
        <select id="suppress-scope" value={scope} onChange={(e) => setScope(e.currentTarget.value as Scope)}>
          {Scopes.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
        </select>
      </Field>
      <Field id="suppress-reason" label="Why" hint="Kept in the address's history." errors={reasonErrors}>
        <input id="suppress-reason" value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} aria-invalid={reasonErrors.length ? "true" : undefined} aria-describedby={describedBy("suppress-reason", true, reasonErrors)} />
      </Field>
      <button type="submit" class="primary">Add</button>
      {notice && <Notice text={notice.text} kind={notice.kind} />}
    </form>
  );
}
