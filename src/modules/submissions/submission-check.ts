// Submission quality at the door (seed 000's "interaction errors"): a unit's incident must carry what its
// unit type's rules demand. Pure: every failed rule is reported at once, so the unit fixes all in one go.
import type { FieldError } from '../../server/errors.ts';
import type { SubmissionRules } from './submissions.schema.ts';

export interface Submission {
  description: string;
  sequenceNumber: string | null | undefined;
  customerName: string | null | undefined;
  attachments: { documentKind: string; contentType: string; width: number | null; height: number | null }[];
}

/**
 * Letters and digits a comment needs to say anything at all. Fixed rather than configured: the seed
 * practice asks only for "a comment", and this is the floor below which nothing is described.
 */
export const MIN_COMMENT_TEXT = 10;

export function checkSubmission(rules: SubmissionRules, submission: Submission): FieldError[] {
  return [
    ...(rules.requireComment ? checkComment(submission.description) : []),
    ...(rules.requireSequenceNumber ? checkSequenceNumber(submission.sequenceNumber) : []),
    ...(rules.requireLegibleCustomerName ? checkCustomerName(submission.customerName) : []),
    ...checkDocuments(rules.requiredDocuments, submission.attachments),
    ...checkImageResolution(rules, submission.attachments),
  ];
}

function checkComment(description: string): FieldError[] {
  if (description.trim() === '') {
    return [fail('description', 'comment_required', 'A comment describing the incident is required')];
  }
  const text = description.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  if (text < MIN_COMMENT_TEXT) {
    return [
      fail(
        'description',
        'comment_too_short',
        `The comment is too short: ${text} letters or digits, ` +
          `at least ${MIN_COMMENT_TEXT} are needed to describe the incident`,
      ),
    ];
  }
  return [];
}

function checkSequenceNumber(sequenceNumber: string | null | undefined): FieldError[] {
  if (sequenceNumber && sequenceNumber.trim() !== '') {
    return [];
  }
  return [
    fail('sequenceNumber', 'sequence_number_required', "The unit's sequence number of this submission is required"),
  ];
}

function checkCustomerName(name: string | null | undefined): FieldError[] {
  if (isLegibleName(name)) {
    return [];
  }
  const message =
    !name || name.trim() === ''
      ? "The customer's name is required"
      : `The customer's name "${name.trim()}" is not legible: write the name in letters as the customer gave it`;
  return [fail('customer.name', 'customer_name_illegible', message)];
}

function checkDocuments(
  required: SubmissionRules['requiredDocuments'],
  attachments: Submission['attachments'],
): FieldError[] {
  return required.flatMap(({ kind, min }) => {
    const given = attachments.filter((a) => a.documentKind === kind).length;
    if (given >= min) {
      return [];
    }
    return [
      fail(
        'attachmentIds',
        'documents_required',
        `Attach ${min} document${min === 1 ? '' : 's'} of kind "${kind}": ${given} given`,
      ),
    ];
  });
}

function checkImageResolution(rules: SubmissionRules, attachments: Submission['attachments']): FieldError[] {
  const { minImageWidth: minWidth, minImageHeight: minHeight } = rules;
  return attachments.flatMap((attachment, index) => {
    // An image whose header could not be read has no known size; it is not judged on a guess.
    if (!attachment.contentType.startsWith('image/') || attachment.width === null || attachment.height === null) {
      return [];
    }
    if (attachment.width >= minWidth && attachment.height >= minHeight) {
      return [];
    }
    return [
      fail(
        `attachmentIds.${index}`,
        'image_resolution_too_low',
        `The image is ${attachment.width}×${attachment.height} pixels; ` +
          `at least ${minWidth}×${minHeight} is required to read it`,
      ),
    ];
  });
}

const fail = (path: string, code: string, message: string): FieldError => ({ path, code, message });

// Words people type when they do not know or will not give the name (ru, en, kk). A name made only of
// these is a placeholder; one of them beside a real word ("Клиент Иванов") is still a name.
const PLACEHOLDER_WORDS = new Set([
  'нет',
  'не',
  'без',
  'имени',
  'имя',
  'фамилии',
  'фамилия',
  'фио',
  'указано',
  'указан',
  'указана',
  'неизвестно',
  'неизвестный',
  'неизвестная',
  'неизв',
  'аноним',
  'анонимно',
  'анонимный',
  'тест',
  'тестовый',
  'клиент',
  'покупатель',
  'гость',
  'заявитель',
  'данных',
  'йцукен',
  'фыва',
  'no',
  'not',
  'name',
  'noname',
  'none',
  'unknown',
  'anonymous',
  'anon',
  'test',
  'testing',
  'client',
  'customer',
  'guest',
  'user',
  'null',
  'undefined',
  'nil',
  'given',
  'specified',
  'provided',
  'qwerty',
  'asdf',
  'asd',
  'белгісіз',
  'жоқ',
  'аты',
  'тұтынушы',
]);

const LETTER = /[\p{L}\p{M}]/u;

/**
 * A name someone could address the customer by: at least two letters of any script, mostly letters, no
 * digits or e-mail, not one letter repeated ("аааа"), not initials alone, not a placeholder ("нет", "unknown").
 */
export function isLegibleName(name: string | null | undefined): boolean {
  if (!name) {
    return false;
  }
  const text = name.normalize('NFC').trim();
  if (/[\p{N}@\p{Cc}]/u.test(text)) {
    return false;
  }
  const visible = [...text].filter((ch) => !/\s/u.test(ch));
  const letters = visible.filter((ch) => LETTER.test(ch)).length;
  if (letters < 2 || letters * 2 <= visible.length) {
    return false;
  }
  const words = text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .split(/[^\p{L}\p{M}]+/u)
    .filter(Boolean);
  // Some word needs two different letters: "Ли" and "Иванов И." are names, "И. И." and "Ааа Ббб" are not.
  if (!words.some((w) => new Set([...w].filter((ch) => /\p{L}/u.test(ch))).size >= 2)) {
    return false;
  }
  return !words.every((w) => PLACEHOLDER_WORDS.has(w));
}
