import type { ChartConfiguration } from "chart.js";
import { useEffect, useMemo, useState } from "preact/hooks";
import { ChartCanvas } from "../components/ChartCanvas";
import { Link } from "../components/Link";
import { ErrorNote, Loading, useTitle } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { enc, get, post, query } from "../lib/api";
import { count, formatDay, fromNow, hostNow, percent } from "../lib/format";
import { syncHostClock } from "../lib/me";
import { FunnelStages, PhaseNames, PhaseOrder, period, share, SideStages, totalSeries } from "../lib/report";
import type { ReportFigures, ReportGroup, ReportSummary } from "../lib/types";

const Periods = [
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
];

interface Alert {
  messageId: string;
  ruleId: string;
  customerId: string;
  orderId?: string | null;
  dealId?: string | null;
  answer?: string | null;
  answerLabel?: string | null;
  score?: number | null;
  scoreScale?: string | null;
  comment?: string | null;
  why: string;
  answeredAt: string;
  status: "open" | "resolved";
}

export function OverviewPage() {
  useTitle("Overview");
  const [days, setDays] = useState(30);
  const interval = days > 31 ? "week" : "day";
  // The periods are the host's (UTC) days, whatever this browser's clock says, and move on as they pass: each load
  // asks the host its time first.
  const report = useAsync(async (signal) => {
    await syncHostClock();
    const range = period(days, new Date(hostNow()));
    return (await get<ReportSummary>(`/api/reports/summary${query({ ...range, interval })}`, { signal })).data;
  }, [days]);
  const alerts = useAsync(async (signal) => {
    try {
      // Open alerts of the last year, not the API's default month: an answer left waiting longer is the one to see.
      await syncHostClock();
      const to = new Date(hostNow() + 60_000);
      const from = new Date(to.getTime() - 365 * 86_400_000);
      const page = (await get<{ items: Alert[]; continuationToken?: string | null }>(
        `/api/alerts${query({ status: "open", limit: 50, from: from.toISOString(), to: to.toISOString() })}`, { signal })).data;
      return { items: page.items, more: !!page.continuationToken };
    } catch {
      return null;
    }
  }, []);
  const { reload: reloadReport } = report;
  const { reload: reloadAlerts } = alerts;

  // Counters change within seconds of a message changing: look again every minute while the page is in view.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") {
        reloadReport();
        reloadAlerts();
      }
    }, 60_000);
    return () => clearInterval(timer);
  }, [reloadReport, reloadAlerts]);

  return (
    <section aria-labelledby="overview-title">
      <div class="page-head">
        <div>
          <h1 id="overview-title">Overview</h1>
          <p class="muted">{report.data ? `What the rules did from ${formatDay(report.data.from)} to ${formatDay(report.data.to)}, counted as messages change.` : "What the rules did, counted as messages change."}</p>
        </div>
        <div class="actions">
          <div class="segmented" role="group" aria-label="Period">
            {Periods.map((p) => (
              <button key={p.days} type="button" aria-pressed={days === p.days} onClick={() => setDays(p.days)}>
                {p.label}
              </button>
            ))}
          </div>
          <button type="button" onClick={() => { report.reload(); alerts.reload(); }} disabled={report.loading}>
            Refresh
          </button>
        </div>
      </div>
      {report.loading && !report.data && <Loading what="the report" />}
      {report.error !== null && <ErrorNote error={report.error} />}
      {report.data && <Report report={report.data} />}
      <OpenAlerts found={alerts.data} loading={alerts.loading} onResolved={alerts.reload} />
    </section>
  );
}

function Report({ report }: { report: ReportSummary }) {
  const totals = report.totals;
  const series = useMemo(() => totalSeries(report.phases), [report]);
  const trend = useMemo<ChartConfiguration>(
    () => ({
      type: "line",
      data: {
        labels: series.map((point) => formatDay(point.start)),
        datasets: [
          { label: "Sent", data: series.map((p) => p.counts["sent"] ?? 0), borderColor: "#2457c5", backgroundColor: "#2457c5" },
          { label: "Opened", data: series.map((p) => p.counts["opened"] ?? 0), borderColor: "#0f8a8a", backgroundColor: "#0f8a8a" },
          { label: "Answered", data: series.map((p) => p.counts["answered"] ?? 0), borderColor: "#17703a", backgroundColor: "#17703a" },
          { label: "Cancelled", data: series.map((p) => p.counts["cancelled"] ?? 0), borderColor: "#8a5a00", backgroundColor: "#8a5a00", borderDash: [4, 4] },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { position: "bottom" } } },
    }),
    [series],
  );
  const lost = report.phases.find((phase) => phase.phase === "lostSale");
  const reasons = Object.entries(lost?.totals.answers ?? {}).sort(([, a], [, b]) => b - a);

  return (
    <>
      <div class="tiles" aria-label="Totals">
        {FunnelStages.map((stage) => (
          <div class="tile" key={stage}>
            <div class="tile-label">{stage}</div>
            <div class="tile-value" data-testid={`total-${stage}`}>{count(totals.counts[stage])}</div>
            {stage !== "scheduled" && <div class="tile-rate muted">{percent(totals.rates[stage])}</div>}
          </div>
        ))}
        <Score figures={totals} />
      </div>

      <div class="overview-grid">
        <section class="card" aria-labelledby="trend-title">
          <h2 id="trend-title">Over time, by {report.interval}</h2>
          {series.length === 0 ? (
            <p class="muted">Nothing happened in this period yet.</p>
          ) : (
            <ChartCanvas config={trend} label={`Messages sent, opened, answered and cancelled by ${report.interval}: ${series.map((p) => `${formatDay(p.start)} ${p.counts["sent"] ?? 0} sent`).join(", ")}.`} />
          )}
        </section>
        <section class="card" aria-labelledby="reasons-title">
          <h2 id="reasons-title">Why deals were lost</h2>
          {reasons.length === 0 ? (
            <p class="muted">No lost-sale answers in this period.</p>
          ) : (
            <ul class="bars" aria-label="Lost-sale reasons">
              {reasons.map(([reason, n]) => (
                <li key={reason}>
                  <span class="bar-label">{reason}</span>
                  <span class="bar"><span class="bar-fill" style={{ width: `${share(n, reasons[0]![1]) * 100}%` }} /></span>
                  <span class="bar-value">{count(n)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="journey-title" class="journey">
        <h2 id="journey-title">The journey</h2>
        {PhaseOrder.map((phase) => {
          const rules = report.rules.filter((rule) => rule.phase === phase);
          const phaseGroup = report.phases.find((p) => p.phase === phase);
          return (
            <section class="card phase" key={phase} aria-labelledby={`phase-${phase}`}>
              <div class="phase-head">
                <h3 id={`phase-${phase}`}>{PhaseNames[phase]}</h3>
                {phaseGroup && <span class="muted small">{count(phaseGroup.totals.counts["sent"])} sent · {percent(phaseGroup.totals.rates["answered"])} answered</span>}
              </div>
              {rules.length === 0 ? <p class="muted small">No messages in this phase in the period.</p> : rules.map((rule) => <Funnel key={rule.ruleId} group={rule} />)}
            </section>
          );
        })}
      </section>
    </>
  );
}

function Score({ figures }: { figures: ReportFigures }) {
  return (
    <>
      <div class="tile score">
        <div class="tile-label">NPS</div>
        <div class="tile-value" data-testid="nps">{figures.nps ? Math.round(figures.nps.score) : "—"}</div>
        <div class="tile-rate muted">{figures.nps ? `${count(figures.nps.answers)} answers: ${figures.nps.promoters} promoters, ${figures.nps.detractors} detractors` : "no answers"}</div>
      </div>
      <div class="tile score">
        <div class="tile-label">CSAT</div>
        <div class="tile-value" data-testid="csat">{figures.csat ? figures.csat.average.toFixed(1) : "—"}</div>
        <div class="tile-rate muted">{figures.csat ? `${count(figures.csat.answers)} answers, ${percent(figures.csat.satisfied)} satisfied` : "no answers"}</div>
      </div>
    </>
  );
}

function Funnel({ group }: { group: ReportGroup }) {
  const counts = group.totals.counts;
  const widest = Math.max(counts["scheduled"] ?? 0, counts["sent"] ?? 0, 1);
  const side = SideStages.filter((stage) => (counts[stage] ?? 0) > 0);
  return (
    <div class="funnel" data-rule={group.ruleId ?? ""}>
      <div class="funnel-head">
        <Link to={`rules/${enc(group.ruleId ?? "")}`}>{group.ruleId}</Link>
        {side.length > 0 && (
          <span class="side">
            {side.map((stage) => (
              <span key={stage} class={`chip ${stage === "deferred" || stage === "cancelled" ? "warn" : "bad"}`}>
                {count(counts[stage])} {stage}
              </span>
            ))}
          </span>
        )}
      </div>
      <ol class="stages" aria-label={`Funnel of ${group.ruleId}`}>
        {FunnelStages.map((stage) => (
          <li key={stage}>
            <span class="stage-name">{stage}</span>
            <span class="bar"><span class={`bar-fill stage-${stage}`} style={{ width: `${share(counts[stage] ?? 0, widest) * 100}%` }} /></span>
            <span class="bar-value" data-testid={`${group.ruleId}-${stage}`}>{count(counts[stage])}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function OpenAlerts({ found, loading, onResolved }: { found: { items: Alert[]; more: boolean } | null; loading: boolean; onResolved: () => void }) {
  const alerts = found?.items ?? null;
  return (
    <section class="card alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Open alerts</h2>
      {loading && alerts === null ? (
        <Loading what="alerts" />
      ) : alerts === null ? (
        <p class="muted">Alerts are not available from this host.</p>
      ) : alerts.length === 0 ? (
        <p class="muted">No answer is waiting for a person.</p>
      ) : (
        <>
          <ul class="alert-list">
            {alerts.map((alert) => <AlertItem key={alert.messageId} alert={alert} onResolved={onResolved} />)}
          </ul>
          {found?.more && <p class="muted small">The newest {alerts.length} are shown; there are more. Resolve these to see the rest.</p>}
        </>
      )}
    </section>
  );
}

function AlertItem({ alert, onResolved }: { alert: Alert; onResolved: () => void }) {
  const [resolving, setResolving] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const subject = alert.orderId ? `order ${alert.orderId}` : alert.dealId ? `deal ${alert.dealId}` : `customer ${alert.customerId}`;

  async function resolve(event: Event) {
    event.preventDefault();
    try {
      await post(`/api/alerts/${enc(alert.messageId)}/resolve`, note.trim() ? { note: note.trim() } : {});
      onResolved();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <li data-alert={alert.messageId}>
      <strong>{alert.why}</strong>
      {alert.comment && <blockquote>{alert.comment}</blockquote>}
      <span class="muted small">
        {alert.ruleId} · {subject} · answered {fromNow(alert.answeredAt)} ·{" "}
        <Link to={`messages?messageId=${enc(alert.messageId)}`}>open the message</Link>
      </span>
      {resolving ? (
        <form class="cancel-form" onSubmit={resolve}>
          <label for={`alert-note-${alert.messageId}`}>What was done (optional)</label>
          <div class="row">
            <input id={`alert-note-${alert.messageId}`} value={note} maxLength={1000} onInput={(e) => setNote(e.currentTarget.value)} placeholder="e.g. called the customer, sent a new kettle" />
            <button type="submit" class="primary">Resolve</button>
            <button type="button" class="quiet" onClick={() => setResolving(false)}>Not yet</button>
          </div>
        </form>
      ) : (
        <div><button type="button" class="small" onClick={() => setResolving(true)}>Resolve…</button></div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </li>
  );
}
