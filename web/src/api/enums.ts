// The values of the API's enums that the screens offer, in the order they offer them. The enums themselves are the
// server's (contract.ts); each list here must name every value of its enum and no other, or it does not compile.
import type {
  AppealKind,
  AppealSort,
  Channel,
  Locale,
  Mailbox,
  Metric,
  Priority,
  Qualification,
  Role,
  Status,
  UnitType,
  UpdateCustomer,
} from './contract.ts';

type Missing<Value, List extends readonly unknown[]> = Exclude<Value, List[number]>;

/** Checks a list against an enum: `everyValueOf<Status>()(['new', …])` fails to compile on a missing value. */
const everyValueOf =
  <Value extends string>() =>
  <const List extends readonly Value[]>(
    list: List & ([Missing<Value, List>] extends [never] ? unknown : { missing: Missing<Value, List> }),
  ): List =>
    list;

export const APPEAL_KINDS = everyValueOf<AppealKind>()(['incident', 'thanks', 'question', 'wish', 'review']);
export const CHANNELS = everyValueOf<Channel>()([
  'email',
  'phone',
  'web_form',
  'chat',
  'callback',
  'store_submission',
  'edms',
  'social',
  'review_site',
  'sms',
  'walk_in',
]);
export const STATUSES = everyValueOf<Status>()([
  'new',
  'open',
  'pending_customer',
  'pending_unit',
  'resolved',
  'closed',
]);
export const PRIORITIES = everyValueOf<Priority>()(['low', 'normal', 'high', 'urgent']);
export const ROLES = everyValueOf<Role>()(['admin', 'cs_head', 'supervisor', 'agent', 'unit_responsible', 'analyst']);
export const LOCALES = everyValueOf<Locale>()(['ru', 'en']);
export const UNIT_TYPES = everyValueOf<UnitType>()([
  'store',
  'call_centre',
  'service_centre',
  'document_service',
  'services',
  'customer_service',
  'office',
  'other',
]);
export const METRICS = everyValueOf<Metric>()([
  'transfer',
  'first_response',
  'next_response',
  'resolution',
  'completion_report',
]);
export const INBOUND_MODES = everyValueOf<Mailbox['inbound']>()(['smtp', 'imap', 'none']);
export const CONSENTS = everyValueOf<keyof NonNullable<UpdateCustomer['consents']>>()([
  'email',
  'sms',
  'phone',
  'marketing',
  'surveys',
]);
export const QUALIFICATIONS = everyValueOf<Qualification>()(['staff', 'office', 'product', 'force_majeure']);
/** The queue's sort options, newest first. */
export const SORTS = everyValueOf<AppealSort>()([
  '-createdAt',
  'createdAt',
  'dueAt',
  '-dueAt',
  '-updatedAt',
  'updatedAt',
  '-number',
  'number',
  '-receivedAt',
  'receivedAt',
]);
