// Generated from the migrations by scripts/db-types.ts (npm run db:types); do not edit.
import type { ColumnType } from 'kysely';

export type Generated<T> =
  T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;

export type Json = JsonValue;

export type JsonArray = JsonValue[];

export type JsonObject = {
  [x: string]: JsonValue | undefined;
};

export type JsonPrimitive = boolean | number | string | null;

export type JsonValue = JsonArray | JsonObject | JsonPrimitive;

export type Numeric = ColumnType<string, number | string, number | string>;

export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface AnalyticsDay {
  appeals: number;
  category_id: string | null;
  channel: string;
  day: Timestamp;
  kind: string;
  owner_id: string | null;
  unit_id: string | null;
}

export interface AnalyticsDelta {
  category_id: string | null;
  channel: string;
  day: Timestamp;
  id: Generated<number>;
  kind: string;
  n: number;
  owner_id: string | null;
  unit_id: string | null;
}

export interface AnalyticsDirty {
  appeal_id: string;
}

export interface AnalyticsFacts {
  appeal_id: string;
  category_id: string | null;
  channel: string;
  day: Timestamp;
  first_response_minutes: number | null;
  kind: string;
  owner_id: string | null;
  resolution_minutes: number | null;
  sample: number;
  unit_id: string | null;
}

export interface AnalyticsProjections {
  by_category: boolean;
  by_owner: boolean;
  by_unit: boolean;
  grains: string[];
  id: number;
}

export interface AnalyticsReportSubscriptions {
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  locale: string;
  unit_ids: Generated<string[]>;
  user_id: string;
  variant: string;
}

export interface AnalyticsRollup {
  appeals: number;
  category_id: string | null;
  channel: string;
  grain: string;
  kind: string;
  owner_id: string | null;
  projection: number;
  start: Timestamp;
  unit_id: string | null;
}

export interface AnalyticsSettings {
  report_time: Generated<string>;
  singleton: Generated<boolean>;
  time_zone: string;
  updated_at: Generated<Timestamp>;
}

export interface ApiTokens {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp | null;
  id: Generated<string>;
  last_used_at: Timestamp | null;
  name: string;
  prefix: string;
  revoked_at: Timestamp | null;
  token_hash: string;
  user_id: string;
}

export interface AppealEscalations {
  appeal_id: string;
  created_at: Generated<Timestamp>;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_note: string | null;
  id: Generated<string>;
  reason: string;
  requested_by: string;
  status: Generated<string>;
}

export interface AppealEvents {
  action: string;
  actor_id: string | null;
  appeal_id: string;
  at: Generated<Timestamp>;
  field: string | null;
  id: Generated<number>;
  new_value: Json | null;
  old_value: Json | null;
}

export interface AppealMessages {
  appeal_id: string;
  author_id: string | null;
  body: string;
  channel: string;
  created_at: Generated<Timestamp>;
  direction: string;
  id: Generated<string>;
}

export interface Appeals {
  category_id: string | null;
  channel: string;
  closed_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  custom_fields: Generated<Json>;
  customer_id: string | null;
  description: Generated<string>;
  id: Generated<string>;
  kind: string;
  number: Generated<number>;
  owner_id: string | null;
  priority: Generated<string>;
  queue_id: string | null;
  received_at: Timestamp;
  resolved_at: Timestamp | null;
  search: Generated<string | null>;
  sequence_number: string | null;
  status: Generated<string>;
  subject: string;
  suggestion: Json | null;
  tags: Generated<string[]>;
  unit_id: string | null;
  updated_at: Generated<Timestamp>;
}

export interface AppealSlaTargets {
  appeal_id: string;
  breached_at: Timestamp | null;
  calendar_id: string | null;
  cycle: Generated<number>;
  due_at: Timestamp | null;
  id: Generated<number>;
  met_at: Timestamp | null;
  metric: string;
  minutes: number;
  paused_minutes: Generated<Numeric>;
  paused_since: Timestamp | null;
  pauses: Generated<Json>;
  policy_id: string | null;
  started_at: Timestamp;
  warn_at: Timestamp | null;
  warn_minutes: number | null;
  warned_at: Timestamp | null;
}

export interface AppealSubtasks {
  appeal_id: string;
  assignee_id: string | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  description: Generated<string>;
  done_at: Timestamp | null;
  due_at: Timestamp | null;
  due_minutes: number | null;
  id: Generated<string>;
  late_notified_at: Timestamp | null;
  queue_id: string | null;
  status: Generated<string>;
  title: string;
  updated_at: Generated<Timestamp>;
}

export interface Attachments {
  appeal_id: string | null;
  content_type: string;
  created_at: Generated<Timestamp>;
  document_kind: Generated<string>;
  file_name: string;
  height: number | null;
  id: Generated<string>;
  message_id: string | null;
  sha256: string;
  size: number;
  uploaded_by: string | null;
  width: number | null;
}

export interface Calendars {
  created_at: Generated<Timestamp>;
  exceptions: Generated<Json>;
  id: Generated<string>;
  name: string;
  time_zone: string;
  unit_types: Generated<string[]>;
  updated_at: Generated<Timestamp>;
  week: Json;
}

export interface Categories {
  active: Generated<boolean>;
  code: string;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  kinds: Generated<string[]>;
  name_en: string;
  name_ru: string;
  parent_id: string | null;
  position: Generated<number>;
}

export interface ClassifierModels {
  accuracy: number;
  active: Generated<boolean>;
  id: Generated<string>;
  labels: Generated<Json>;
  macro_f1: number;
  model: Buffer;
  per_class: Generated<Json>;
  samples: number;
  target: string;
  trained_at: Generated<Timestamp>;
}

export interface ClassifierSettings {
  apply_threshold: Generated<number>;
  enabled: Generated<boolean>;
  id: Generated<boolean>;
  min_samples: Generated<number>;
  updated_at: Generated<Timestamp>;
}

export interface CustomerIdentities {
  created_at: Generated<Timestamp>;
  customer_id: string;
  id: Generated<string>;
  kind: string;
  placeholder: Generated<boolean>;
  value: string;
}

export interface Customers {
  birthday: Timestamp | null;
  company_code: string | null;
  company_name: string | null;
  consents: Generated<Json>;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  merged_at: Timestamp | null;
  merged_by: string | null;
  merged_into: string | null;
  name: string | null;
  tags: Generated<string[]>;
  updated_at: Generated<Timestamp>;
}

export interface CustomFieldDefinitions {
  id: Generated<string>;
  key: string;
  kind: string;
  label_en: string;
  label_ru: string;
  options: Generated<string[]>;
  position: Generated<number>;
  required: Generated<boolean>;
  type: string;
}

export interface IdempotencyKeys {
  created_at: Generated<Timestamp>;
  key: string;
  request_hash: string;
  response: Json | null;
  route: string;
  status_code: number | null;
  user_id: string;
}

export interface Jobs {
  attempts: Generated<number>;
  created_at: Generated<Timestamp>;
  dedupe_key: string | null;
  done_at: Timestamp | null;
  every_ms: number | null;
  failed_at: Timestamp | null;
  id: Generated<number>;
  kind: string;
  last_error: string | null;
  locked_by: string | null;
  locked_until: Timestamp | null;
  max_attempts: Generated<number>;
  payload: Generated<Json>;
  run_at: Generated<Timestamp>;
}

export interface KioskLinks {
  created_at: Timestamp;
  created_by: string | null;
  expires_at: Timestamp;
  id: Generated<string>;
  label: string;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  survey_id: string;
  unit_id: string;
}

export interface LoginFailures {
  address: string;
  email: string;
  failed_at: Timestamp;
}

export interface Mailboxes {
  active: Generated<boolean>;
  address: string;
  aliases: Generated<string[]>;
  auto_ack: Generated<boolean>;
  created_at: Generated<Timestamp>;
  display_name: string | null;
  id: Generated<string>;
  imap: Json | null;
  imap_state: Generated<Json>;
  inbound: Generated<string>;
  kind: Generated<string>;
  name: string;
  queue_id: string | null;
  smtp: Json | null;
  unit_id: string | null;
  updated_at: Generated<Timestamp>;
}

export interface MailMessages {
  appeal_id: string | null;
  appeal_message_id: string | null;
  created_at: Generated<Timestamp>;
  direction: string;
  from_address: string | null;
  from_name: string | null;
  html: string | null;
  id: Generated<string>;
  in_reply_to: string | null;
  mailbox_id: string | null;
  message_id: string;
  parse_error: string | null;
  quoted: string | null;
  raw_sha256: string | null;
  raw_size: number | null;
  references: Generated<string[]>;
  signature: string | null;
  subject: string | null;
  to_addresses: Generated<string[]>;
  verdict: string;
}

export interface MailTemplates {
  body: string;
  key: string;
  locale: string;
  subject: string;
  updated_at: Generated<Timestamp>;
}

export interface Notifications {
  appeal_id: string | null;
  created_at: Generated<Timestamp>;
  dedupe_key: string | null;
  id: Generated<string>;
  kind: string;
  payload: Generated<Json>;
  read_at: Timestamp | null;
  user_id: string;
}

export interface Outbox {
  appeal_message_id: string | null;
  attempts: Generated<number>;
  created_at: Generated<Timestamp>;
  dedupe_key: string | null;
  id: Generated<number>;
  kind: string;
  last_error: string | null;
  locked_until: Timestamp | null;
  mailbox_id: string | null;
  message_id: string | null;
  next_attempt_at: Generated<Timestamp>;
  payload: Json;
  sent_at: Timestamp | null;
  status: Generated<string>;
}

export interface QueueMembers {
  attestation: Generated<string>;
  attested_from: Timestamp | null;
  attested_until: Timestamp | null;
  available: Generated<boolean>;
  last_assigned_at: Timestamp | null;
  queue_id: string;
  user_id: string;
}

export interface Queues {
  active: Generated<boolean>;
  assignment: Generated<string>;
  code: string;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  name: string;
  require_attestation: Generated<boolean>;
  unattested: Generated<string>;
  unit_id: string | null;
  updated_at: Generated<Timestamp>;
}

export interface RoutingRules {
  actions: Generated<Json>;
  active: Generated<boolean>;
  conditions: Generated<Json>;
  created_at: Generated<Timestamp>;
  events: Generated<string[]>;
  id: Generated<string>;
  name: string;
  position: Generated<number>;
  updated_at: Generated<Timestamp>;
}

export interface SavedViews {
  created_at: Generated<Timestamp | null>;
  id: Generated<string>;
  name: string;
  position: Generated<number>;
  query: Json;
  user_id: string;
}

export interface Sessions {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  token_hash: string;
  user_id: string;
}

export interface SlaAlerts {
  appeal_id: string;
  at: Timestamp;
  due_at: Timestamp;
  id: Generated<number>;
  kind: string;
  metric: string;
  policy_id: string | null;
  target_id: number;
}

export interface SlaPolicies {
  active: Generated<boolean>;
  calendar_source: Generated<string>;
  conditions: Generated<Json>;
  created_at: Generated<Timestamp>;
  escalation: Generated<Json>;
  id: Generated<string>;
  name: string;
  notify: Generated<Json>;
  pause_statuses: Generated<string[]>;
  position: Generated<number>;
  targets: Json;
  updated_at: Generated<Timestamp>;
  warn_at_percent: number | null;
}

export interface SlaSettings {
  cs_calendar_id: string;
  default_calendar_id: string;
  instance: Generated<string>;
  singleton: Generated<boolean>;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface SubmissionRejections {
  at: Generated<Timestamp>;
  failures: Json;
  id: Generated<number>;
  unit_id: string;
  user_id: string | null;
}

export interface SubmissionRules {
  rules: Json;
  unit_type: string;
  updated_at: Generated<Timestamp>;
}

export interface SurveyAnswers {
  answered_at: Generated<Timestamp>;
  invitation_id: string;
  question_id: string;
  value: Json;
}

export interface SurveyEvents {
  channel: Generated<string>;
  created_at: Generated<Timestamp>;
  customer_id: string | null;
  email: string | null;
  external_id: string;
  id: Generated<string>;
  locale: Generated<string>;
  occurred_at: Timestamp;
  phone: string | null;
  staff_id: string | null;
  unit_id: string | null;
}

export interface SurveyEventTallies {
  channel: string;
  events: number;
  month: Timestamp;
  staff_id: string | null;
  unit_id: string | null;
}

export interface SurveyInvitations {
  appeal_id: string | null;
  category_id: string | null;
  ces_max: number | null;
  ces_score: number | null;
  channel: string | null;
  completed_at: Timestamp | null;
  contact: string | null;
  created_at: Generated<Timestamp>;
  csat_max: number | null;
  csat_satisfied: boolean | null;
  csat_score: number | null;
  customer_id: string | null;
  deadline_at: Timestamp | null;
  delivery: string;
  event_id: string | null;
  first_answer_at: Timestamp | null;
  id: Generated<string>;
  kiosk_nonce: string | null;
  locale: Generated<string>;
  negative: Generated<boolean>;
  nps: number | null;
  office_asked: Generated<boolean>;
  office_key: number | null;
  qualification: string | null;
  qualification_note: string | null;
  qualified_at: Timestamp | null;
  qualified_by: string | null;
  scheduled_at: Generated<Timestamp>;
  sent_at: Timestamp | null;
  skip_reason: string | null;
  source: string;
  staff_asked: Generated<boolean>;
  staff_id: string | null;
  staff_key: number | null;
  status: string;
  survey_id: string;
  trigger_id: string | null;
  unit_id: string | null;
}

export interface Surveys {
  active: Generated<boolean>;
  answer_within_days: Generated<number>;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  name: string;
  questions: Json;
  updated_at: Generated<Timestamp>;
}

export interface SurveySettings {
  correction_coefficient: Generated<Numeric>;
  email_capture_target: Generated<Numeric>;
  id: Generated<boolean>;
  tally_time_zone: Generated<string>;
  updated_at: Generated<Timestamp>;
}

export interface SurveyTallies {
  answered: number;
  ces5_n: number;
  ces5_sq: number;
  ces5_sum: number;
  ces7_n: number;
  ces7_sq: number;
  ces7_sum: number;
  closed: number;
  csat_n: number;
  csat_satisfied: number;
  csat10_n: number;
  csat10_sq: number;
  csat10_sum: number;
  csat5_n: number;
  csat5_sq: number;
  csat5_sum: number;
  detractors: number;
  dim: string;
  force_majeure: number;
  key: string | null;
  loyalty_negative: number;
  loyalty_neutral: number;
  loyalty_positive: number;
  loyalty_silent: number;
  month: Timestamp;
  nps_n: number;
  office_excluded: number;
  office_negative: number;
  office_neutral: number;
  office_positive: number;
  office_silent: number;
  promoters: number;
  silent: number;
  staff_excluded: number;
  staff_negative: number;
  staff_neutral: number;
  staff_positive: number;
  staff_silent: number;
  survey_id: string;
  unit_id: string | null;
}

export interface SurveyTriggers {
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
  delay_minutes: Generated<number>;
  delivery: string;
  event: string;
  id: Generated<string>;
  survey_id: string;
  throttle_days: Generated<number>;
  unit_ids: Generated<string[]>;
}

export interface SurveyVisitors {
  day: Timestamp;
  unit_id: string;
  visitors: number;
}

export interface UnitMembers {
  responsible: Generated<boolean>;
  unit_id: string;
  user_id: string;
}

export interface Units {
  active: Generated<boolean>;
  calendar_id: string | null;
  code: string | null;
  contacts: Generated<Json>;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  name: string;
  parent_id: string | null;
  time_zone: Generated<string>;
  type: string;
  updated_at: Generated<Timestamp>;
}

export interface Users {
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
  email: string;
  id: Generated<string>;
  locale: Generated<string>;
  name: string;
  password_hash: string | null;
  role: string;
  signature: string | null;
  updated_at: Generated<Timestamp>;
}

export interface DB {
  analytics_day: AnalyticsDay;
  analytics_delta: AnalyticsDelta;
  analytics_dirty: AnalyticsDirty;
  analytics_facts: AnalyticsFacts;
  analytics_projections: AnalyticsProjections;
  analytics_report_subscriptions: AnalyticsReportSubscriptions;
  analytics_rollup: AnalyticsRollup;
  analytics_settings: AnalyticsSettings;
  api_tokens: ApiTokens;
  appeal_escalations: AppealEscalations;
  appeal_events: AppealEvents;
  appeal_messages: AppealMessages;
  appeal_sla_targets: AppealSlaTargets;
  appeal_subtasks: AppealSubtasks;
  appeals: Appeals;
  attachments: Attachments;
  calendars: Calendars;
  categories: Categories;
  classifier_models: ClassifierModels;
  classifier_settings: ClassifierSettings;
  custom_field_definitions: CustomFieldDefinitions;
  customer_identities: CustomerIdentities;
  customers: Customers;
  idempotency_keys: IdempotencyKeys;
  jobs: Jobs;
  kiosk_links: KioskLinks;
  login_failures: LoginFailures;
  mail_messages: MailMessages;
  mail_templates: MailTemplates;
  mailboxes: Mailboxes;
  notifications: Notifications;
  outbox: Outbox;
  queue_members: QueueMembers;
  queues: Queues;
  routing_rules: RoutingRules;
  saved_views: SavedViews;
  sessions: Sessions;
  sla_alerts: SlaAlerts;
  sla_policies: SlaPolicies;
  sla_settings: SlaSettings;
  submission_rejections: SubmissionRejections;
  submission_rules: SubmissionRules;
  survey_answers: SurveyAnswers;
  survey_event_tallies: SurveyEventTallies;
  survey_events: SurveyEvents;
  survey_invitations: SurveyInvitations;
  survey_settings: SurveySettings;
  survey_tallies: SurveyTallies;
  survey_triggers: SurveyTriggers;
  survey_visitors: SurveyVisitors;
  surveys: Surveys;
  unit_members: UnitMembers;
  units: Units;
  users: Users;
}
