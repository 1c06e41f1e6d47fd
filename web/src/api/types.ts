// Hand-written mirrors of the server's zod schemas (src/modules/*/*.schema.ts), as the API answers them.

export const APPEAL_KINDS = ['incident', 'thanks', 'question', 'wish', 'review'] as const;
export const CHANNELS = [
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
] as const;
export const STATUSES = ['new', 'open', 'pending_customer', 'pending_unit', 'resolved', 'closed'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const ROLES = ['admin', 'cs_head', 'supervisor', 'agent', 'unit_responsible', 'analyst'] as const;

export type AppealKind = (typeof APPEAL_KINDS)[number];
export type Channel = (typeof CHANNELS)[number];
export type Status = (typeof STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Role = (typeof ROLES)[number];
export type Locale = 'ru' | 'en';

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  unitIds: string[];
}

export interface User extends Me {
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export type SlaState = 'ok' | 'warning' | 'breached' | 'met' | 'paused';

export interface SlaTarget {
  metric: 'transfer' | 'first_response' | 'next_response' | 'resolution' | 'completion_report';
  cycle: number;
  state: SlaState;
  minutes: number;
  startedAt: string;
  dueAt: string | null;
  warnAt: string | null;
  metAt: string | null;
  breachedAt: string | null;
  pausedSince: string | null;
  minutesLeft: number | null;
}

export interface AppealSla {
  state: SlaState;
  policyId: string | null;
  nextDueAt: string | null;
  targets: SlaTarget[];
}

export interface Appeal {
  id: string;
  number: number;
  kind: AppealKind;
  channel: Channel;
  status: Status;
  priority: Priority;
  subject: string;
  description: string;
  unitId: string | null;
  categoryId: string | null;
  customerId: string | null;
  ownerId: string | null;
  queueId: string | null;
  createdBy: string | null;
  sequenceNumber: string | null;
  receivedAt: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  sla: AppealSla | null;
}

/** A row of GET /appeals: the appeal with its customer's name, so a queue needs no request per row. */
export interface AppealListItem extends Appeal {
  customerName: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Message {
  id: string;
  appealId: string;
  direction: 'inbound' | 'outbound' | 'note';
  channel: string;
  body: string;
  authorId: string | null;
  createdAt: string;
  /** E-mail messages: the quoted earlier mail and the signature, split from the body (mail channel). */
  mail?: { quoted?: string | null; signature?: string | null } | null;
  /** Outbound messages: how delivery went (mail channel). */
  delivery?: { status: string; error?: string | null; at?: string | null } | null;
}

export interface HistoryEvent {
  id: number;
  appealId: string;
  actorId: string | null;
  at: string;
  action: string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
}

export interface Attachment {
  id: string;
  appealId: string | null;
  fileName: string;
  contentType: string;
  size: number;
  documentKind: string;
  width: number | null;
  height: number | null;
  createdAt: string;
}

interface Identity {
  value: string;
  placeholder: boolean;
}

export interface Customer {
  id: string;
  name: string | null;
  companyName: string | null;
  companyCode: string | null;
  phones: Identity[];
  emails: Identity[];
  tags: string[];
  birthday: string | null;
  consents: Record<string, boolean>;
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerProfile extends Customer {
  appeals: { total: number; incidents: number; thanks: number; open: number };
}

export interface Unit {
  id: string;
  type: string;
  name: string;
  code: string | null;
  timeZone: string;
  parentId: string | null;
  contacts: { emails: string[]; phones: string[]; edms?: string };
  responsibleUserIds: string[];
  active: boolean;
}

export interface Category {
  id: string;
  parentId: string | null;
  code: string;
  nameRu: string;
  nameEn: string;
  kinds: AppealKind[];
  position: number;
  active: boolean;
}

/** How an appeal names its customer: an existing one, or contact details to find or create one. */
export type CustomerRef = { id: string } | { name?: string; phone?: string; email?: string };

export interface CreateAppeal {
  kind: AppealKind;
  channel: Channel;
  subject: string;
  description?: string;
  unitId?: string;
  categoryId?: string;
  priority?: Priority;
  sequenceNumber?: string;
  customer: CustomerRef;
  attachmentIds?: string[];
}

export type UpdateAppeal = Partial<Pick<Appeal, 'status' | 'priority' | 'categoryId' | 'unitId' | 'kind'>> & {
  customerId?: string;
};
