// The plain objects the demo generator produces and the repository writes: no database types, no classes.
// Instants are epoch milliseconds (UTC) so that generation stays cheap and exact.
import { CHANNELS as APPEAL_CHANNELS } from '../appeals/appeals.schema.ts';
import type { Gender } from './names.ts';

export const APPEAL_KINDS = ['incident', 'thanks', 'question', 'wish', 'review'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

/** The channels the demo draws: every channel of the register but walk-ins. */
export type Channel = Exclude<(typeof APPEAL_CHANNELS)[number], 'walk_in'>;
export const CHANNELS: readonly Channel[] = APPEAL_CHANNELS.filter(
  (channel): channel is Channel => channel !== 'walk_in',
);

export type UnitType =
  | 'store'
  | 'call_centre'
  | 'service_centre'
  | 'document_service'
  | 'services'
  | 'customer_service'
  | 'office'
  | 'other';
export type Role = 'admin' | 'cs_head' | 'supervisor' | 'agent' | 'unit_responsible' | 'analyst';
export type Status = 'new' | 'open' | 'pending_customer' | 'pending_unit' | 'resolved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface DemoUnit {
  id: string;
  type: UnitType;
  name: string;
  code: string | null;
  timeZone: string;
  parentId: string | null;
  contacts: { emails: string[]; phones: string[] };
  /** The zone's UTC offset in minutes, used for local weekday and hour patterns. */
  offsetMinutes: number;
  /**
   * How texts name the unit: `ru` after «в магазине» for a store («на ул. Ленина, 12»), `en` for English texts
   * (the city), `acc` after «передано в» in notes («магазин на ул. Ленина, 12», «службу установки и монтажа»).
   */
  label: { ru: string; en: string; acc: string };
  /** Relative share of the appeals about this unit (bigger stores hear more). */
  weight: number;
}

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'ru' | 'en';
  gender: Gender;
  /** How notes sign the person: Имя Фамилия. */
  shortName: string;
}

export interface DemoMembership {
  unitId: string;
  userId: string;
  responsible: boolean;
}

export interface DemoOrg {
  chain: string;
  /** When the org's rows say they were created: before the first appeal. */
  createdAt: number;
  units: DemoUnit[];
  users: DemoUser[];
  members: DemoMembership[];
}

export interface DemoIdentity {
  id: string;
  kind: 'phone' | 'email';
  value: string;
  placeholder: boolean;
}

export interface DemoCustomer {
  id: string;
  name: string | null;
  companyName: string | null;
  companyCode: string | null;
  birthday: string | null;
  consents: Record<string, boolean>;
  tags: string[];
  createdAt: number;
  identities: DemoIdentity[];
  gender: Gender;
  /** Addressed as Имя Отчество, or by first name. */
  polite: string;
  english: boolean;
}

/** What the appeal generator needs to know of a customer: kept for every customer, so it stays small. */
export interface CustomerRef {
  id: string;
  full: string;
  polite: string;
  gender: Gender;
  english: boolean;
  hasEmail: boolean;
  vip: boolean;
}

export interface DemoMessage {
  id: string;
  direction: 'inbound' | 'outbound' | 'note';
  channel: string;
  body: string;
  authorId: string | null;
  at: number;
}

export interface DemoEvent {
  actorId: string | null;
  at: number;
  action: string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
}

export interface DemoAppeal {
  id: string;
  number: number;
  kind: AppealKind;
  channel: Channel;
  status: Status;
  priority: Priority;
  subject: string;
  description: string;
  unitId: string | null;
  categoryCode: string;
  customerId: string | null;
  ownerId: string | null;
  createdBy: string | null;
  sequenceNumber: string | null;
  receivedAt: number;
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  closedAt: number | null;
  tags: string[];
  messages: DemoMessage[];
  events: DemoEvent[];
}
