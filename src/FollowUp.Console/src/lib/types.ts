// The shapes of the API's answers the console reads, as /openapi/v1.json describes them.

export type MessageCategory = "service" | "feedback" | "marketing";
export type JourneyPhase = "purchase" | "waiting" | "use" | "repeat" | "lostSale";
export type TemplateSyntax = "scriban" | "liquid";
export type TemplateKind = "message" | "layout" | "partial";
export type MessageStatus =
  | "scheduled" | "claimed" | "sent" | "answered" | "cancelled" | "failed" | "held"
  | "delivered" | "opened" | "clicked" | "bounced" | "complained" | "unsubscribed";

export interface LintWarning {
  field: string;
  line: number;
  column: number;
  message: string;
  suggestion?: string | null;
}

export interface SendWindow {
  days?: string[] | null;
  from?: string | null;
  to?: string | null;
  skipHolidays?: boolean | null;
}

export interface Rule {
  id: string;
  description?: string | null;
  trigger: string;
  condition?: string | null;
  delay: string;
  templateId: string;
  cancelOn: string[];
  enabled: boolean;
  coupon?: { prefix: string; length: number } | null;
  category: MessageCategory;
  alerts?: { to?: string | null; answers?: string[] | null } | null;
  phase?: JourneyPhase | null;
  sendWindow?: SendWindow | null;
  frequencyCap?: string | null;
  priority: number;
  reminders: string[];
  expiresAfter?: string | null;
  maxEventAge?: string | null;
  version: number;
  updatedAt?: string | null;
  updatedBy?: string | null;
  restoredFrom?: number | null;
  warnings?: LintWarning[] | null;
}

export interface TemplateContent {
  subject: string;
  html: string;
  text: string;
}

export interface MessageTemplate {
  id: string;
  description?: string | null;
  syntax: TemplateSyntax;
  kind: TemplateKind;
  layout?: string | null;
  locales: Record<string, TemplateContent>;
  version: number;
  updatedAt?: string | null;
  updatedBy?: string | null;
  restoredFrom?: number | null;
  warnings?: LintWarning[] | null;
}

export interface RenderedContent {
  locale: string;
  subject: string;
  html: string;
  text: string;
  choices: { answer: string; label?: string | null }[];
  warnings?: LintWarning[] | null;
}

export interface VersionEntry {
  version: number;
  updatedAt?: string | null;
  updatedBy?: string | null;
  restoredFrom?: number | null;
  current: boolean;
}

export interface VersionHistory {
  id: string;
  current?: number | null;
  versions: VersionEntry[];
}

export interface DryRunResult {
  wouldSchedule: boolean;
  reason?: string | null;
  messages: { reminder: number; dueAt: string; deferral?: string | null; cancelledBecause?: string | null }[];
  ruleEnabled: boolean;
}

export interface NpsFigures {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  score: number;
}

export interface CsatFigures {
  answers: number;
  average: number;
  satisfied: number;
}

export interface ReportFigures {
  counts: Record<string, number>;
  rates: Record<string, number | null>;
  nps?: NpsFigures | null;
  csat?: CsatFigures | null;
  answers: Record<string, number>;
}

export interface ReportPoint {
  start: string;
  counts: Record<string, number>;
  nps?: number | null;
  csat?: number | null;
}

export interface ReportGroup {
  ruleId?: string | null;
  phase: JourneyPhase;
  totals: ReportFigures;
  series: ReportPoint[];
}

export interface ReportSummary {
  from: string;
  to: string;
  interval: "day" | "week";
  totals: ReportFigures;
  phases: ReportGroup[];
  rules: ReportGroup[];
}

export interface MessageEvent {
  at: string;
  kind: string;
  detail?: string | null;
  reached?: MessageStatus | null;
}

export interface MessageView {
  id: string;
  customerId: string;
  email: string;
  ruleId: string;
  templateId: string;
  subjectKind: string;
  subjectId: string;
  eventType: string;
  status: MessageStatus;
  locale?: string | null;
  createdAt: string;
  dueAt: string;
  attempts: number;
  sentAt?: string | null;
  subject?: string | null;
  couponCode?: string | null;
  answer?: string | null;
  answeredAt?: string | null;
  reason?: string | null;
  history: MessageEvent[];
  historyDropped?: number | null;
  category?: string | null;
  reminder?: number | null;
  reminderOf?: string | null;
  comment?: string | null;
  score?: number | null;
  scoreScale?: string | null;
  ruleVersion?: number | null;
  templateVersion?: number | null;
}

export interface MessagePage {
  items: MessageView[];
  continuationToken?: string | null;
}

export interface SentContent {
  messageId: string;
  ruleId: string;
  ruleVersion?: number | null;
  templateId: string;
  templateVersion?: number | null;
  locale?: string | null;
  sentAt?: string | null;
  subject: string;
  html?: string | null;
  text: string;
  omitted?: string | null;
}

/** A CloudEvent as the API takes it. */
export interface CloudEvent {
  specversion: string;
  id: string;
  source: string;
  type: string;
  time?: string;
  subject?: string;
  data?: Record<string, unknown>;
  [extension: string]: unknown;
}
