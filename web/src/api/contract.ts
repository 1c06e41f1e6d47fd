// The API's shapes as the web app reads and sends them, taken from the server's zod schemas: one source for both.
// Type-only imports (lint refuses a value import from @server), so not a byte of zod reaches the bundle. An answer
// is the schema's output; a body its input (a field with a default may be left out). Every instant in an answer
// is declared z.string() on the server, as JSON carries it: no response schema declares z.date(), so nothing maps.
import type { z } from 'zod';
import type * as analytics from '@server/modules/analytics/analytics.schema.ts';
import type * as appeals from '@server/modules/appeals/appeals.schema.ts';
import type * as attachments from '@server/modules/attachments/attachments.schema.ts';
import type * as auth from '@server/modules/auth/auth.schema.ts';
import type * as categories from '@server/modules/categories/categories.schema.ts';
import type * as customers from '@server/modules/customers/customers.schema.ts';
import type * as mailboxes from '@server/modules/mail/mailboxes.schema.ts';
import type * as mailTemplates from '@server/modules/mail/outbound/outbound.schema.ts';
import type * as queues from '@server/modules/queues/queues.schema.ts';
import type * as appealSla from '@server/modules/sla/appeal-sla.schema.ts';
import type * as sla from '@server/modules/sla/sla.schema.ts';
import type * as kioskLinks from '@server/modules/surveys/kiosk-links.schema.ts';
import type * as surveys from '@server/modules/surveys/surveys.schema.ts';
import type * as units from '@server/modules/units/units.schema.ts';
import type * as users from '@server/modules/users/users.schema.ts';
import type * as views from '@server/modules/views/views.schema.ts';

/** What the server answers with this schema. */
type Answer<Schema extends z.ZodType> = z.output<Schema>;
/** What the server accepts for this schema. */
type Body<Schema extends z.ZodType> = z.input<Schema>;

export type { ErrorCode, FieldError } from '@server/server/errors.ts';

// Words of the domain
export type AppealKind = Answer<typeof categories.AppealKind>;
export type Channel = Answer<typeof appeals.Channel>;
export type Status = Answer<typeof appeals.Status>;
export type Priority = Answer<typeof appeals.Priority>;
export type Role = Answer<typeof users.Role>;
export type Locale = Answer<typeof users.Locale>;
export type UnitType = Answer<typeof units.UnitType>;
export type Metric = Answer<typeof appealSla.Metric>;
export type AppealSort = Answer<typeof appeals.AppealQuery>['sort'];

// Appeals
export type Appeal = Answer<typeof appeals.Appeal>;
export type AppealListItem = Answer<typeof appeals.AppealListItem>;
export type AppealPage = Answer<typeof appeals.AppealPage>;
export type AppealSla = Answer<typeof appealSla.AppealSla>;
export type AppealSlaTarget = Answer<typeof appealSla.AppealSlaTarget>;
export type Message = Answer<typeof appeals.Message>;
export type HistoryEvent = Answer<typeof appeals.HistoryEvent>;
export type Attachment = Answer<typeof attachments.Attachment>;
export type CreateAppeal = Body<typeof appeals.CreateAppeal>;
export type UpdateAppeal = Body<typeof appeals.UpdateAppeal>;
export type CreateMessage = Body<typeof appeals.CreateMessage>;

// Customers
export type Customer = Answer<typeof customers.Customer>;
export type CustomerProfile = Answer<typeof customers.CustomerProfile>;
export type CustomerPage = Answer<typeof customers.CustomerPage>;
export type CustomerRef = Body<typeof customers.CustomerRef>;
export type UpdateCustomer = Body<typeof customers.UpdateCustomer>;
export type MergePreview = Answer<typeof customers.MergePreview>;
export type MergeResult = Answer<typeof customers.MergeResult>;

// Who works: the user, users, units, categories
export type Me = Answer<typeof auth.Me>;
export type User = Answer<typeof users.User>;
export type CreateUser = Body<typeof users.CreateUser>;
export type UpdateUser = Body<typeof users.UpdateUser>;
export type UpdateMe = Body<typeof users.UpdateMe>;
export type Unit = Answer<typeof units.Unit>;
export type CreateUnit = Body<typeof units.CreateUnit>;
export type UpdateUnit = Body<typeof units.UpdateUnit>;
export type Category = Answer<typeof categories.Category>;
export type CreateCategory = Body<typeof categories.CreateCategory>;
export type UpdateCategory = Body<typeof categories.UpdateCategory>;
export type Queue = Answer<typeof queues.Queue>;

// Settings: SLA, API tokens, mail
export type Calendar = Answer<typeof sla.Calendar>;
export type CreateCalendar = Body<typeof sla.CreateCalendar>;
export type UpdateCalendar = Body<typeof sla.UpdateCalendar>;
export type SlaPolicy = Answer<typeof sla.SlaPolicy>;
export type CreateSlaPolicy = Body<typeof sla.CreateSlaPolicy>;
export type UpdateSlaPolicy = Body<typeof sla.UpdateSlaPolicy>;
export type ApiToken = Answer<typeof auth.ApiToken>;
export type CreateToken = Body<typeof auth.CreateToken>;
export type CreatedToken = Answer<typeof auth.CreatedToken>;
export type Mailbox = Answer<typeof mailboxes.Mailbox>;
export type CreateMailbox = Body<typeof mailboxes.CreateMailbox>;
export type UpdateMailbox = Body<typeof mailboxes.UpdateMailbox>;
export type MailboxPollResult = Answer<typeof mailboxes.MailboxPollResult>;
export type MailTemplate = Answer<typeof mailTemplates.MailTemplate>;
export type PutTemplate = Body<typeof mailTemplates.PutTemplate>;

// Saved queue views
export type SavedView = Answer<typeof views.SavedView>;
export type CreateView = Body<typeof views.CreateView>;
export type UpdateView = Body<typeof views.UpdateView>;

// Surveys and their indices
export type Survey = Answer<typeof surveys.Survey>;
export type CreateSurvey = Body<typeof surveys.CreateSurvey>;
export type SurveyQuestion = Body<typeof surveys.Question>;
export type SurveyTrigger = Answer<typeof surveys.Trigger>;
export type CreateTrigger = Body<typeof surveys.CreateTrigger>;
export type SurveyResponse = Answer<typeof surveys.SurveyResponse>;
export type Qualification = NonNullable<Body<typeof surveys.Qualify>['qualification']>;
export type IndicesQuery = Body<typeof surveys.IndicesQuery>;
export type IndicesAnswer = Answer<typeof surveys.IndicesAnswer>;
export type IndexRow = Answer<typeof surveys.IndexRow>;

// Analytics
export type Dashboard = Answer<typeof analytics.Dashboard>;
export type AnalyticsQuery = Body<typeof analytics.AnalyticsQuery>;
export type DashboardBlock = Answer<typeof analytics.Block>;

// Kiosk links
export type KioskLink = Answer<typeof kioskLinks.KioskLink>;
export type CreateKioskLink = Body<typeof kioskLinks.CreateKioskLink>;
