import { Link } from "../components/Link";
import { NewIdForm } from "../components/NewIdForm";
import { ErrorNote, Loading, useTitle } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { enc, get, query } from "../lib/api";
import { isoToWords } from "../lib/duration";
import { count, fromNow } from "../lib/format";
import { period } from "../lib/report";
import type { ReportSummary, Rule } from "../lib/types";

/** A rule's counts over the last 7 of the report's days (the host's days, ending at its today). */
function lastWeekOf(report: ReportSummary, ruleId: string): Record<string, number> {
  const since = period(7, new Date(`${report.to}T12:00:00Z`)).from;
  const counts: Record<string, number> = {};
  for (const point of report.rules.find((group) => group.ruleId === ruleId)?.series ?? []) {
    if (point.start < since) continue;
    for (const [stage, value] of Object.entries(point.counts)) counts[stage] = (counts[stage] ?? 0) + value;
  }
  return counts;
}

export function RulesPage() {
  useTitle("Rules");
  const rules = useAsync((signal) => get<Rule[]>("/api/rules", { signal }).then((a) => a.data), []);
  const report = useAsync((signal) => get<ReportSummary>(`/api/reports/summary${query({ interval: "day" })}`, { signal }).then((a) => a.data), []);
  const countsOf = (id: string) => (report.data ? lastWeekOf(report.data, id) : {});
  return (
    <section aria-labelledby="rules-title">
      <div class="page-head">
        <h1 id="rules-title">Rules</h1>
        <NewIdForm what="rule" existing={rules.data?.map((item) => item.id)} example="winback-90d" />
      </div>
      {rules.loading && !rules.data && <Loading what="rules" />}
      {rules.error !== null && <ErrorNote error={rules.error} />}
      {rules.data && (
        <table class="list">
          <caption class="visually-hidden">Every rule, with what it did in the last 7 days</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">State</th>
              <th scope="col">When</th>
              <th scope="col">Sends</th>
              <th scope="col" class="number">Scheduled, 7 days</th>
              <th scope="col" class="number">Sent</th>
              <th scope="col" class="number">Answered</th>
              <th scope="col">Changed</th>
            </tr>
          </thead>
          <tbody>
            {rules.data.map((rule) => {
              const counts = countsOf(rule.id);
              return (
                <tr key={rule.id}>
                  <td data-label="Rule">
                    <Link to={`rules/${enc(rule.id)}`}>{rule.id}</Link>
                    {rule.description && <div class="muted small">{rule.description}</div>}
                  </td>
                  <td data-label="State"><span class={`chip ${rule.enabled ? "on" : "off"}`}>{rule.enabled ? "enabled" : "disabled"}</span> <span class="chip">{rule.category}</span></td>
                  <td data-label="When">
                    {isoToWords(rule.delay) ?? rule.delay} after <code>{rule.trigger}</code>
                    {rule.condition && <div class="small muted">if <code>{rule.condition}</code></div>}
                    {rule.sendWindow?.from && <div class="small muted">between {rule.sendWindow.from} and {rule.sendWindow.to}</div>}
                  </td>
                  <td data-label="Sends"><Link to={`templates/${enc(rule.templateId)}`}>{rule.templateId}</Link>{rule.reminders.length > 0 && <span class="small muted"> + {rule.reminders.length} reminder{rule.reminders.length > 1 ? "s" : ""}</span>}</td>
                  <td data-label="Scheduled, 7 days" class="number">{count(counts["scheduled"])}</td>
                  <td data-label="Sent" class="number">{count(counts["sent"])}</td>
                  <td data-label="Answered" class="number">{count(counts["answered"])}</td>
                  <td data-label="Changed" title={rule.updatedAt ?? ""}>{fromNow(rule.updatedAt)}{rule.updatedBy ? ` by ${rule.updatedBy}` : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
