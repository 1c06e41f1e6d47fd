// The messages of an appeal's thread after the customer's first words: agents' replies dressed for the channel,
// internal notes, units' reports and customers' follow-ups, worded from the appeal's own text context.
import { latinName } from './names.ts';
import type { Rng } from './random.ts';
import { render, type TextContext } from './template.ts';
import { ENGLISH_REPLIES } from './texts.english.ts';
import {
  ACKNOWLEDGE,
  AGENT_NOTES,
  ASK_DETAILS,
  CALL_PREFIX,
  CUSTOMER_FOLLOW_UPS,
  GREETINGS,
  PUBLIC_SIGNATURE,
  RESOLVE_INCIDENT,
  RESOLVE_OTHER,
  RESOLVE_QUESTION,
  SIGNATURES,
  topicOf,
  UNIT_REPORT_FALLBACK,
  UNIT_REPORTS,
} from './texts.replies.ts';
import type { TextPerson } from './texts.ts';

export type ThreadText =
  | 'acknowledge'
  | 'askDetails'
  | 'resolve'
  | 'followUp'
  | 'noteToUnit'
  | 'noteGeneral'
  | 'noteEscalation'
  | 'noteRouted'
  | 'unitReport';

export interface ThreadTextInput {
  kind: string;
  categoryCode: string;
  english: boolean;
  /** The message's channel: a reply reads as a letter, a chat line, a public answer or a call record. */
  channel: string;
  number: number;
  /** The author of the message (agent, supervisor or unit responsible). */
  agent: TextPerson;
  /** The unit concerned, as notes name it after «в»: «магазин на ул. Ленина, 12», «службу установки и монтажа». */
  unitName: string;
  /** The promised answer date, local: «15 марта» (and «March 15» for English replies). */
  deadline: string;
  deadlineEn: string;
}

function replyTemplates(
  what: 'acknowledge' | 'askDetails' | 'resolve',
  input: ThreadTextInput,
  rating: number,
): readonly string[] {
  if (input.english) {
    if (what !== 'resolve') {
      return ENGLISH_REPLIES[what];
    }
    if (input.kind === 'incident') {
      return ENGLISH_REPLIES.resolveIncident;
    }
    if (input.kind === 'thanks') {
      return ENGLISH_REPLIES.resolveThanks;
    }
    return input.kind === 'question' ? ENGLISH_REPLIES.resolveQuestion : ENGLISH_REPLIES.resolveOther;
  }
  if (what === 'acknowledge') {
    return ACKNOWLEDGE;
  }
  if (what === 'askDetails') {
    return ASK_DETAILS;
  }
  const topic = topicOf(input.categoryCode);
  switch (input.kind) {
    case 'incident':
      return RESOLVE_INCIDENT[topic];
    case 'question':
      return RESOLVE_QUESTION[topic] ?? RESOLVE_QUESTION.general;
    case 'thanks':
      return RESOLVE_OTHER.thanks;
    case 'wish':
      return RESOLVE_OTHER.wish;
    default:
      return rating >= 4 ? RESOLVE_OTHER.reviewGood : RESOLVE_OTHER.reviewBad;
  }
}

/** Dresses a reply for its channel: a signed letter, a chat line, a public answer, an SMS or a call record. */
function dress(rng: Rng, ctx: TextContext, body: string, input: ThreadTextInput): string {
  const one = (templates: readonly string[]) => render(rng.pick(templates), ctx, rng);
  if (input.english) {
    return input.channel === 'phone'
      ? `Call to the customer: ${body}`
      : `${one(ENGLISH_REPLIES.greeting)}\n\n${body}\n\n${one(ENGLISH_REPLIES.signature)}`;
  }
  switch (input.channel) {
    case 'phone':
      return `${render(CALL_PREFIX, ctx, rng)} «${body}»`;
    case 'sms':
      return body;
    case 'chat':
      return `${one(GREETINGS)} ${body}`;
    case 'social':
    case 'review_site':
      return `${one(GREETINGS)} ${body} ${render(PUBLIC_SIGNATURE, ctx, rng)}`;
    default:
      return `${one(GREETINGS)} ${body}\n\n${one(SIGNATURES)}`;
  }
}

/** One message of the thread. Customer-facing replies are dressed for the channel; notes and reports are plain. */
export function threadText(rng: Rng, base: TextContext, what: ThreadText, input: ThreadTextInput): string {
  const agentFirst = input.agent.polite.split(' ')[0] ?? input.agent.polite;
  const ctx: TextContext = {
    values: {
      ...base.values,
      number: String(input.number),
      agent: input.agent.full,
      agentFirst,
      unitName: input.unitName,
      deadline: input.english ? input.deadlineEn : input.deadline,
      agentEn: latinName(input.agent.full),
    },
    genders: { ...base.genders, a: input.agent.gender === 'f' ? 1 : 0 },
  };
  const one = (templates: readonly string[]) => render(rng.pick(templates), ctx, rng);
  switch (what) {
    case 'acknowledge':
    case 'askDetails':
    case 'resolve':
      return dress(rng, ctx, one(replyTemplates(what, input, Number(base.values.rating) || 5)), input);
    case 'followUp':
      return one(input.english ? ENGLISH_REPLIES.followUp : CUSTOMER_FOLLOW_UPS);
    case 'noteToUnit':
      return one(AGENT_NOTES.toUnit);
    case 'noteGeneral':
      return one(AGENT_NOTES.general);
    case 'noteEscalation':
      return one(AGENT_NOTES.escalation);
    case 'noteRouted':
      return one(input.kind === 'wish' ? AGENT_NOTES.wishRouted : AGENT_NOTES.thanksRouted);
    case 'unitReport':
      return one(UNIT_REPORTS[topicOf(input.categoryCode)] ?? UNIT_REPORT_FALLBACK);
  }
}
